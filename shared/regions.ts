// The Tencent Cloud Chat (IM) REST gateway's data-center regions, their domains and display names.

export interface Region {
  /** Stable id used in profiles, the CLI and the journal. */
  readonly id: RegionId;
  /** English display name; the renderer translates it through its catalogs. */
  readonly name: string;
  readonly domain: string;
  /** Published fallback domain for networks where DNS of the main one is tampered with. */
  readonly backupDomain: string | null;
}

export const REGION_IDS = ['china', 'singapore', 'seoul', 'frankfurt', 'mumbai', 'siliconvalley', 'jakarta', 'tokyo'] as const;

export type RegionId = (typeof REGION_IDS)[number];

export const REGIONS: readonly Region[] = [
  { id: 'china', name: 'China', domain: 'console.tim.qq.com', backupDomain: 'adminapi.my-imcloud.com' },
  { id: 'singapore', name: 'Singapore', domain: 'adminapisgp.im.qcloud.com', backupDomain: 'adminapisgp.my-imcloud.com' },
  { id: 'seoul', name: 'Seoul', domain: 'adminapikr.im.qcloud.com', backupDomain: 'adminapikr.my-imcloud.com' },
  { id: 'frankfurt', name: 'Frankfurt', domain: 'adminapiger.im.qcloud.com', backupDomain: 'adminapiger.my-imcloud.com' },
  { id: 'mumbai', name: 'Mumbai', domain: 'adminapiind.im.qcloud.com', backupDomain: 'adminapiind.my-imcloud.com' },
  { id: 'siliconvalley', name: 'Silicon Valley', domain: 'adminapiusa.im.qcloud.com', backupDomain: 'adminapiusa.my-imcloud.com' },
  { id: 'jakarta', name: 'Jakarta', domain: 'adminapiidn.im.qcloud.com', backupDomain: 'adminapiidn.my-imcloud.com' },
  { id: 'tokyo', name: 'Tokyo', domain: 'adminapijpn.im.qcloud.com', backupDomain: null },
];

export function isRegionId(value: unknown): value is RegionId {
  return typeof value === 'string' && (REGION_IDS as readonly string[]).includes(value);
}

export function findRegion(id: string): Region | undefined {
  return REGIONS.find((region) => region.id === id);
}

/** The base URL (scheme + host) of a region's gateway. */
export function regionBaseUrl(region: Region, useBackup = false): string {
  const host = useBackup && region.backupDomain ? region.backupDomain : region.domain;
  return `https://${host}`;
}
