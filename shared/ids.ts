// The shapes of the ids Botsweep gives batches and profiles, written once for the core, the contract and the tests.

/** A batch's id, unanchored: its start in UTC to the millisecond, then 6 random hex digits (`20261126T003902123Z-a1b2c3`). */
export const BATCH_ID_TEXT = String.raw`\d{8}T\d{9}Z-[0-9a-f]{6}`;
export const BATCH_ID_PATTERN = new RegExp(`^${BATCH_ID_TEXT}$`);

/** A profile's id: a UUID (36 characters of hex digits and dashes). */
export const PROFILE_ID_PATTERN = /^[0-9a-f-]{36}$/;
