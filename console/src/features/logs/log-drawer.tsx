/** One log entry: level, message, time and every data field. */
import { Fragment } from 'react';
import { useLog } from '../../data/logs/log-queries.js';
import { Drawer } from '../../ui/drawer.js';
import { QueryState } from '../../ui/query-state.js';
import { levelBadge, levelName } from './log-levels.js';

const show = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));

export function LogDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const log = useLog(id);
  return (
    <Drawer title="Log entry" onClose={onClose}>
      <QueryState query={log}>
        {(entry) => (
          <dl className="facts">
            <dt>id</dt>
            <dd className="mono">{entry.id}</dd>
            <dt>created</dt>
            <dd>{entry.created}</dd>
            <dt>level</dt>
            <dd>
              <span className={'badge ' + levelBadge(entry.level)}>{levelName(entry.level)}</span> <span className="muted">{entry.level}</span>
            </dd>
            <dt>message</dt>
            <dd className="mono">{entry.message}</dd>
            {Object.entries(entry.data).map(([k, v]) => (
              <Fragment key={k}>
                <dt>data.{k}</dt>
                <dd className="mono">{show(v)}</dd>
              </Fragment>
            ))}
          </dl>
        )}
      </QueryState>
    </Drawer>
  );
}
