// The gateway failures sweep tests keep meeting: an answer lost to a timeout, and 10002, which may have taken effect.
import type { Failure } from '../../electron/core/tim/outcome.js';

export const LOST_ANSWER: Failure = {
  ok: false,
  errorClass: 'network',
  errorCode: null,
  errorInfo: 'no answer within 10000 ms',
  advice: '',
  ambiguous: true,
};

export const INTERNAL_ERROR: Failure = {
  ok: false,
  errorClass: 'transient',
  errorCode: 10002,
  errorInfo: 'internal error',
  advice: '',
  ambiguous: true,
};
