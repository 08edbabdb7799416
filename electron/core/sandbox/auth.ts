// The sandbox's checks of a request's credentials, as the gateway makes them: the UserSig (its key, identifier,
// SDKAppID and time), the admin, and a minute's lockout after too many bad signatures.
import { decodeUserSig, verifyUserSig } from '../tim/usersig.js';
import { fail, type Answer } from './robots.js';

export interface AuthOptions {
  readonly sdkAppId: number;
  readonly identifier: string;
  readonly secretKey: string;
  /** Bad signatures within a minute before the app is locked for a minute (70050); default 20. */
  readonly badSignatureLockout?: number;
}

export class SignatureCheck {
  private readonly badSignatures: number[] = [];
  private lockedUntil = 0;

  constructor(
    private readonly options: AuthOptions,
    private readonly now: () => number,
  ) {}

  /** The failing answer for the URL's credentials, or null when they pass. */
  check(query: URLSearchParams): Answer | null {
    const userSig = query.get('usersig')!;
    const urlSdkAppId = Number(query.get('sdkappid'));
    const urlIdentifier = query.get('identifier')!;
    if (this.now() < this.lockedUntil) return fail(70050, 'too many bad signatures: requests are refused for a minute');
    if (!decodeUserSig(userSig)) return this.bad(fail(70003, 'UserSig could not be parsed'));
    if (urlSdkAppId !== this.options.sdkAppId) return fail(70020, `SDKAppID ${query.get('sdkappid')} not found in this data center`);
    const verdict = verifyUserSig(userSig, {
      secretKey: this.options.secretKey,
      sdkAppId: urlSdkAppId,
      identifier: urlIdentifier,
      now: this.now,
    });
    if (!verdict.ok) {
      switch (verdict.reason) {
        case 'identifier-mismatch':
          return fail(70013, 'the identifier in the URL differs from the one in the UserSig');
        case 'sdkappid-mismatch':
          return fail(70014, 'the SDKAppID in the URL differs from the one in the UserSig');
        case 'expired':
          return fail(70001, 'UserSig expired');
        case 'bad-signature':
          return this.bad(fail(70009, 'UserSig verification failed'));
        case 'unparsable':
          return this.bad(fail(70003, 'UserSig could not be parsed'));
      }
    }
    if (urlIdentifier !== this.options.identifier) return fail(60010, `${urlIdentifier} is not an app administrator`);
    return null;
  }

  private bad(answer: Answer): Answer {
    const t = this.now();
    this.badSignatures.push(t);
    while (this.badSignatures.length && t - this.badSignatures[0]! > 60_000) this.badSignatures.shift();
    if (this.badSignatures.length >= (this.options.badSignatureLockout ?? 20)) {
      this.lockedUntil = t + 60_000;
      this.badSignatures.length = 0;
    }
    return answer;
  }
}
