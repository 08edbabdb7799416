// Protected accounts are refused by the stores themselves: no view is mounted here (nothing imports a component), yet
// a protected row never enters the selection, a glob added by editing the profile takes its rows out at once, and the
// Delete button's accounts never hold one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfiles, sendableSelection, switchProfile } from '../../../renderer/src/controller.js';
import { useBots } from '../../../renderer/src/store/bots.js';
import { lockedOf, selectionOf } from '../../../renderer/src/store/bots-derive.js';
import { useProfiles } from '../../../renderer/src/store/profiles.js';
import { A, B, fakeWindow, ok, profile } from '../../unit/renderer/helpers.js';

const rows = ['@RBT#prod1', '@RBT#test1', '@RBT#prod2', '@RBT#test2'];
const bots = () => useBots.getState();
const selected = () => [...selectionOf(bots())].sort();
let profiles = [profile(A, ['@RBT#prod*']), profile(B)];
let page: ReturnType<typeof fakeWindow>;

beforeEach(async () => {
  profiles = [profile(A, ['@RBT#prod*']), profile(B)];
  page = fakeWindow({ profiles: { list: () => ok({ profiles, warning: null }) } });
  useProfiles.setState({ profiles: [], activeProfileId: null, ready: false });
  bots().reset();
  await loadProfiles();
  useBots.setState({ rows });
});
afterEach(() => page.remove());

describe('protected accounts, with no view mounted', () => {
  it('are read from the owner profile and refused by every way into the selection', () => {
    expect(bots().owner).toBe(A);
    expect([...lockedOf(bots())]).toEqual(['@RBT#prod1', '@RBT#prod2']);
    bots().toggle('@RBT#prod1');
    expect(selected()).toEqual([]);
    bots().selectAllShown();
    expect(selected()).toEqual(['@RBT#test1', '@RBT#test2']);
    bots().setSelected(rows);
    expect(selected()).toEqual(['@RBT#test1', '@RBT#test2']);
    bots().addPasted(['@RBT#prod3', '@RBT#new']);
    expect(selected()).toEqual(['@RBT#new', '@RBT#test1', '@RBT#test2']);
    expect(sendableSelection().sort()).toEqual(['@RBT#new', '@RBT#test1', '@RBT#test2']);
  });

  it('follow an edit of the profile at once: rows a new glob protects leave the selection and the Delete button', async () => {
    bots().selectAllShown();
    expect(sendableSelection()).toContain('@RBT#test1');
    profiles = [profile(A, ['@RBT#prod*', '@RBT#test1']), profile(B)];
    await loadProfiles();
    expect(selected()).toEqual(['@RBT#test2']);
    expect(sendableSelection()).toEqual(['@RBT#test2']);
    // The glob removed again: the row does not come back into the selection on its own.
    profiles = [profile(A, []), profile(B)];
    await loadProfiles();
    expect(selected()).toEqual(['@RBT#test2']);
    bots().toggle('@RBT#test1');
    expect(selected()).toEqual(['@RBT#test1', '@RBT#test2']);
  });

  it('belong to the profile that owns the list: another profile’s list is not locked by them', () => {
    switchProfile(B);
    expect(bots().owner).toBe(B);
    useBots.setState({ rows });
    bots().selectAllShown();
    expect(selected()).toEqual([...rows].sort());
    expect(page.storage.get('botsweep.activeProfile')).toBe(B);
  });
});
