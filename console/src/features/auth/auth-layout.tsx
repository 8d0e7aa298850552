import type { ReactNode } from 'react';
import { ThemeToggle } from '../shell/theme-toggle.js';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-layout">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="logo" aria-hidden>
            ▦
          </span>{' '}
          Plinth <ThemeToggle />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
