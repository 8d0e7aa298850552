/**
 * What every records use case receives: the app, the storage session to work in (the adapter itself, or a
 * transaction when called from batch) and who is asking. Use cases never look at HTTP.
 */
import type { RequestInfo } from '../../filter/request.js';
import type { StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { FileChangeLog } from './record-files.js';

export interface Caller {
  request: RequestInfo;
  isSuperuser: boolean;
}

export interface RecordsContext {
  app: App;
  session: StorageSession;
  caller: Caller;
  /**
   * Set by a caller that owns the outermost transaction around several writes (batch): file deletions and
   * rollback cleanup are then left to it. Absent: each write settles its own files after its transaction.
   */
  fileChanges?: FileChangeLog;
}

/** A record on the wire: visible fields plus collectionId/collectionName, and `expand` when requested. */
export interface RecordJSON {
  id: string;
  collectionId: string;
  collectionName: string;
  expand?: Record<string, RecordJSON | RecordJSON[]>;
  [field: string]: unknown;
}
