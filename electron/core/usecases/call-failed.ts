// A gateway call that failed (not a refusal: something was asked of the gateway), with its stable contract code,
// its English sentence and the CLI's exit code: 3 when the credentials or the app were refused, 1 otherwise.
import type { ApiErrorKind } from '../../../shared/api.js';
import type { ApiErrorCode, ErrorParams } from '../../../shared/errors.js';
import { gatewayErrorCode } from '../error-codes.js';
import { describeError, stopsBatch } from '../tim/errors.js';
import type { Failure } from '../sweep/evidence.js';
import { EXIT } from './exit-codes.js';

export class CallFailed extends Error {
  override readonly name = 'CallFailed';
  readonly kind: ApiErrorKind;
  readonly code: ApiErrorCode;
  readonly params: ErrorParams;
  readonly exitCode: number;

  constructor(
    readonly failure: Failure,
    /** What was being done, for the English sentence: "nicknames", "--match needs the app's chatbots". */
    what: string | null = null,
  ) {
    super(`${what ? `${what}: ` : ''}${describeError(failure.errorCode, failure.errorInfo)}. ${failure.advice}`.trim());
    const coded = gatewayErrorCode(failure);
    this.kind = coded.kind;
    this.code = coded.code;
    this.params = coded.params;
    // A call this computer would not send (a port no client may use) is bad input: nothing left.
    this.exitCode = failure.errorClass === 'local' ? EXIT.usage : stopsBatch(failure.errorClass) ? EXIT.credentials : EXIT.someFailed;
  }
}
