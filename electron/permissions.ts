// The one permission the app's page may have: notifications (the end of a long sweep, renderer/src/notify.ts), and
// only for the app's own top-level page (the same rule as for contract calls); everything else, for anyone, is refused.
import { isTrustedSender } from './ipc.js';

export function allowsPermission(permission: string, requestingUrl: string | undefined, isMainFrame: boolean): boolean {
  return (
    permission === 'notifications' &&
    requestingUrl !== undefined &&
    isTrustedSender({ url: requestingUrl, parent: isMainFrame ? null : true })
  );
}
