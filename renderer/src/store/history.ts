// The history view: the list of batches, one open batch with a status filter, export and clear. Only the latest list
// and the latest opened batch are kept: an older answer arriving late is dropped (the request counters below).
import { create } from 'zustand';
import type { BatchListItem, ExportFormat } from '../../../shared/api';
import type { AccountStatus, BatchRecord } from '../../../shared/sweep';
import { botsweep, call } from '../api';

interface HistoryState {
  readonly batches: readonly BatchListItem[];
  readonly open: BatchRecord | null;
  readonly statusFilter: AccountStatus | 'all';
  readonly loading: boolean;
  readonly listRequest: number;
  readonly openRequest: number;
  load(): Promise<void>;
  openBatch(batchId: string): Promise<void>;
  close(): void;
  setStatusFilter(filter: AccountStatus | 'all'): void;
  exportBatches(format: ExportFormat, batchId?: string): Promise<string | null>;
  clear(): Promise<number>;
}

/** Hands a web-host export to the browser as a download. */
function download(filename: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const useHistory = create<HistoryState>((set, get) => ({
  batches: [],
  open: null,
  statusFilter: 'all',
  loading: false,
  listRequest: 0,
  openRequest: 0,
  load: async () => {
    const request = get().listRequest + 1;
    set({ listRequest: request, loading: true });
    try {
      const { batches } = await call(botsweep().history.list({}));
      if (get().listRequest === request) set({ batches });
    } finally {
      if (get().listRequest === request) set({ loading: false });
    }
  },
  openBatch: async (batchId) => {
    const request = get().openRequest + 1;
    set({ openRequest: request });
    const { batch } = await call(botsweep().history.get({ batchId }));
    if (get().openRequest === request) set({ open: batch, statusFilter: 'all' });
  },
  close: () => set({ open: null, openRequest: get().openRequest + 1 }),
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  exportBatches: async (format, batchId) => {
    const result = await call(botsweep().history.export(batchId ? { format, batchId } : { format }));
    if (result.kind === 'download') {
      download(result.filename, result.mimeType, result.content);
      return result.filename;
    }
    return result.path;
  },
  clear: async () => {
    const { removed } = await call(botsweep().history.clear({}));
    set({ batches: [], open: null });
    await get().load();
    return removed;
  },
}));
