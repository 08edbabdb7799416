// The history view: the list of batches, one open batch with a status filter, export and clear.
import { create } from 'zustand';
import type { BatchListItem } from '../../../shared/api';
import type { AccountStatus, BatchRecord } from '../../../shared/sweep';
import { botsweep, call } from '../api';

interface HistoryState {
  batches: BatchListItem[];
  open: BatchRecord | null;
  statusFilter: AccountStatus | 'all';
  loading: boolean;
  load(): Promise<void>;
  openBatch(batchId: string): Promise<void>;
  close(): void;
  setStatusFilter(filter: AccountStatus | 'all'): void;
  exportBatches(format: 'csv' | 'json', batchId?: string): Promise<string | null>;
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

/** Only the latest list and the latest opened batch are kept: an older answer arriving late is dropped. */
let listRequest = 0;
let openRequest = 0;

export const useHistory = create<HistoryState>((set, get) => ({
  batches: [],
  open: null,
  statusFilter: 'all',
  loading: false,
  load: async () => {
    const request = ++listRequest;
    set({ loading: true });
    try {
      const { batches } = await call(botsweep().history.list({}));
      if (request === listRequest) set({ batches });
    } finally {
      if (request === listRequest) set({ loading: false });
    }
  },
  openBatch: async (batchId) => {
    const request = ++openRequest;
    const { batch } = await call(botsweep().history.get({ batchId }));
    if (request === openRequest) set({ open: batch, statusFilter: 'all' });
  },
  close: () => {
    openRequest++;
    set({ open: null });
  },
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
