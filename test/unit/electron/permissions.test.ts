// The page's permissions: notifications for the app's own top-level page, nothing else for anyone.
import { describe, expect, it } from 'vitest';
import { allowsPermission } from '../../../electron/permissions.js';

describe('allowsPermission', () => {
  it('lets the app’s own top-level page notify', () => {
    expect(allowsPermission('notifications', 'app://botsweep/index.html', true)).toBe(true);
    expect(allowsPermission('notifications', 'app://botsweep', true)).toBe(true);
  });

  it.each([
    ['another permission', 'media', 'app://botsweep/index.html', true],
    ['openExternal', 'openExternal', 'app://botsweep/index.html', true],
    ['a frame inside the page', 'notifications', 'app://botsweep/index.html', false],
    ['another host of the scheme', 'notifications', 'app://evil/index.html', true],
    ['a web page', 'notifications', 'https://example.com/', true],
    ['a file', 'notifications', 'file:///tmp/x.html', true],
    ['no URL', 'notifications', undefined, true],
    ['not a URL', 'notifications', 'botsweep', true],
  ])('refuses %s', (_what, permission, url, mainFrame) => {
    expect(allowsPermission(permission as string, url as string | undefined, mainFrame as boolean)).toBe(false);
  });
});
