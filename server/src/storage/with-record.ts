import type { OutboxEvent, RecordData } from './port.js';

/** The event of insertWithEvent/updateWithEvent with the stored row added to its data as `record`. */
export function withRecord(event: OutboxEvent, record: RecordData): OutboxEvent {
  return { ...event, data: { ...(event.data as Record<string, unknown>), record } };
}
