// The sandbox's app state and the chatbot / account commands it answers, as plain functions of a body.
import { isRobotAccount, ROBOT_PREFIX } from '../../../shared/accounts.js';

export interface Answer {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  [field: string]: unknown;
}

export const ok = (extra: Record<string, unknown> = {}): Answer => ({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...extra });
export const fail = (code: number, info: string): Answer => ({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info });

/** Seed names `@RBT#sandbox0001` … wide enough for `count`. */
export function seedRobotNames(count: number): string[] {
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, i) => `${ROBOT_PREFIX}sandbox${String(i + 1).padStart(width, '0')}`);
}

export class RobotStore {
  /** Valid bots, in creation order. */
  private readonly live = new Set<string>();
  /** Nicknames (Tag_Profile_IM_Nick) of accounts that have one. */
  readonly nicknames = new Map<string, string>();
  /** Avatar URLs (Tag_Profile_IM_Image, FaceUrl to create_robot) and signatures (Tag_Profile_IM_SelfSignature). */
  readonly faceUrls = new Map<string, string>();
  readonly signatures = new Map<string, string>();
  /** Every UserID ever created: deletion only invalidates a bot, its account stays imported. */
  private readonly imported = new Set<string>();
  /** Valid bots the admin may have at most; creating one more answers 10008. Seeded bots may exceed it. */
  quota = Infinity;

  constructor(
    seed: readonly string[],
    private readonly admin: string,
  ) {
    for (const name of seed) this.add(name);
  }

  /** An account's profile as portrait_get tells it: the tags that are set. */
  profileItems(account: string): { Tag: string; Value: string }[] {
    const tags: [string, Map<string, string>][] = [
      ['Tag_Profile_IM_Nick', this.nicknames],
      ['Tag_Profile_IM_Image', this.faceUrls],
      ['Tag_Profile_IM_SelfSignature', this.signatures],
    ];
    return tags.flatMap(([tag, values]) => (values.get(account) ? [{ Tag: tag, Value: values.get(account)! }] : []));
  }

  private add(name: string): void {
    this.live.add(name);
    this.imported.add(name);
  }

  list(): string[] {
    return [...this.live];
  }

  has(name: string): boolean {
    return this.live.has(name);
  }

  handle(command: string, body: Record<string, unknown>): Answer {
    switch (command) {
      case 'create_robot': {
        const id = body.UserID;
        if (!isRobotAccount(id)) return fail(10004, 'invalid parameter: UserID must be a chatbot account (@RBT#…, at most 32 bytes)');
        const fields: [unknown, Map<string, string>][] = [
          [body.Nick, this.nicknames],
          [body.FaceUrl, this.faceUrls],
          [body.SelfSignature, this.signatures],
        ];
        if (fields.some(([value]) => value !== undefined && (typeof value !== 'string' || Buffer.byteLength(value) > 500)))
          return fail(10004, 'invalid parameter: Nick, FaceUrl and SelfSignature are strings of at most 500 bytes');
        // Creating an existing UserID again yields one bot (its profile set again); only a new one counts against the quota.
        if (!this.live.has(id) && this.live.size >= this.quota)
          return fail(10008, 'the number of created chatbots reaches the upper limit');
        this.add(id);
        for (const [value, values] of fields) if (typeof value === 'string') values.set(id, value);
        return ok();
      }
      case 'portrait_get': {
        const accounts = body.To_Account;
        if (!Array.isArray(accounts) || accounts.length === 0 || accounts.length > 100)
          return fail(40001, 'invalid parameter: To_Account must hold 1 to 100 accounts');
        const items = accounts.map((account) => {
          const known = typeof account === 'string' && this.imported.has(account);
          const tags = Array.isArray(body.TagList) ? new Set(body.TagList) : new Set<unknown>();
          return known
            ? {
                To_Account: account,
                ProfileItem: this.profileItems(account).filter((item) => tags.has(item.Tag)),
                ResultCode: 0,
                ResultInfo: '',
              }
            : { To_Account: account, ProfileItem: [], ResultCode: 40006, ResultInfo: 'the account is not imported' };
        });
        return ok({ UserProfileItem: items });
      }
      case 'delete_robot': {
        const id = body.Robot_Account;
        if (!isRobotAccount(id))
          return fail(10004, 'invalid parameter: Robot_Account must be a chatbot account (@RBT#…, at most 32 bytes)');
        // The real gateway's answer for an unknown or already deleted bot is undocumented; the sandbox says 10004.
        if (!this.live.delete(id)) return fail(10004, `invalid parameter: ${id} does not exist or is already deleted`);
        return ok();
      }
      case 'get_all_robots':
        return ok({ Robot_Account: this.list() });
      case 'account_check': {
        const items = body.CheckItem;
        if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
          return fail(10004, 'invalid parameter: CheckItem must hold 1 to 100 items');
        }
        const result = [];
        for (const item of items) {
          const id = (item as { UserID?: unknown } | null)?.UserID;
          if (typeof id !== 'string' || id === '') return fail(10004, 'invalid parameter: every CheckItem needs a UserID');
          const known = this.imported.has(id) || id === this.admin;
          result.push({ UserID: id, ResultCode: 0, ResultInfo: '', AccountStatus: known ? 'Imported' : 'NotImported' });
        }
        return ok({ ResultItem: result });
      }
      default:
        return fail(60002, `unknown command ${command}`);
    }
  }
}
