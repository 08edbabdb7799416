// Views and dialogs no start needs, each in a chunk fetched the first time it is shown (sealed, like every chunk, by
// the page's import map and CSP). Render them under a <Suspense>.
import { lazy } from 'react';

export const HistoryView = lazy(() => import('./HistoryView').then((module) => ({ default: module.HistoryView })));
export const ProfilesView = lazy(() => import('./ProfilesView').then((module) => ({ default: module.ProfilesView })));
export const DeleteDialog = lazy(() => import('./DeleteDialog').then((module) => ({ default: module.DeleteDialog })));
export const RetryDialog = lazy(() => import('./RetryDialog').then((module) => ({ default: module.RetryDialog })));
export const ImportDialog = lazy(() => import('./ImportDialog').then((module) => ({ default: module.ImportDialog })));
export const PasteDialog = lazy(() => import('./PasteDialog').then((module) => ({ default: module.PasteDialog })));
export const SelectMatchingDialog = lazy(() =>
  import('./SelectMatchingDialog').then((module) => ({ default: module.SelectMatchingDialog })),
);
export const WaitDialog = lazy(() => import('./WaitDialog').then((module) => ({ default: module.WaitDialog })));
