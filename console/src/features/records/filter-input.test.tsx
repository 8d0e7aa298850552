import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FilterInput } from './filter-input.js';

describe('<FilterInput>', () => {
  it('applies the trimmed filter on Enter', () => {
    const onApply = vi.fn();
    render(<FilterInput value="" onApply={onApply} />);
    const input = screen.getByRole('searchbox');
    fireEvent.change(input, { target: { value: '  views > 10 ' } });
    fireEvent.submit(input.closest('form')!);
    expect(onApply).toHaveBeenCalledWith('views > 10');
  });

  it('flags a syntax error while typing and does not send it', () => {
    const onApply = vi.fn();
    render(<FilterInput value="" onApply={onApply} />);
    const input = screen.getByRole('searchbox');
    fireEvent.change(input, { target: { value: '(views > 10' } });
    expect(screen.getByRole('alert').textContent).toBe('Missing ")".');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(input.closest('form')!);
    expect(onApply).not.toHaveBeenCalled();
  });

  it("shows the server's error for the applied filter until the text is edited", () => {
    render(<FilterInput value="nope = 1" onApply={() => undefined} serverError="Invalid filter: unknown field nope." />);
    expect(screen.getByRole('alert').textContent).toContain('unknown field nope');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'nope = 12' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers Clear only when a filter is applied, and follows the URL value', () => {
    const onApply = vi.fn();
    const { rerender } = render(<FilterInput value="" onApply={onApply} />);
    expect(screen.queryByRole('button', { name: 'Clear' })).toBeNull();
    rerender(<FilterInput value="views > 1" onApply={onApply} />);
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('views > 1');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onApply).toHaveBeenCalledWith('');
  });
});
