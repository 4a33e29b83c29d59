import type { Check } from '../check.ts';
import type { BucketDrive } from './bucket-drive.ts';
import { firstRejectionAtDocumentedBurst, firstRejectionWhenBucketEmpty } from './first-rejection.ts';
import { headersPresent } from './headers-present.ts';
import { rejectionDocumentedBody, rejectionRemainingIsZero } from './rejection-response.ts';
import { remainingDecrementsByOne, remainingNeverExceedsLimit } from './remaining-rules.ts';
import { recoversAfterReset, resetIsFutureEpochSeconds } from './reset-rules.ts';

/** The rules every driven bucket is held to; recovery only when the drive waited for Reset. */
export const rateLimitRules: readonly Check<BucketDrive>[] = [
  headersPresent,
  remainingNeverExceedsLimit,
  remainingDecrementsByOne,
  firstRejectionWhenBucketEmpty,
  firstRejectionAtDocumentedBurst,
  rejectionRemainingIsZero,
  rejectionDocumentedBody,
  resetIsFutureEpochSeconds,
];

export const rateLimitRecoveryRules: readonly Check<BucketDrive>[] = [recoversAfterReset];
