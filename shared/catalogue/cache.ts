// The encrypted recording cache: stats, listing, clearing, limits, verification, downloads.
import { z } from 'zod';
import type { CacheClearResult, CacheEntryInfo, CacheLimits, CacheStats, CacheVerifyReport } from '../cache-types';
import { command, empty, recordingId } from './define';

const MIB = 1024 * 1024;
export const CACHE_CAP_MIN = 64 * MIB;
export const CACHE_CAP_MAX = 4 * 1024 * 1024 * MIB; // 4 TiB
export const CACHE_TTL_MIN_SEC = 3600;
export const CACHE_TTL_MAX_SEC = 10 * 366 * 24 * 3600;

export const cacheCommands = {
  'cache.stats': command<CacheStats>()({
    permission: 'cache.read',
    input: empty,
    summary: 'Size, item count, limits and downloads of the local recording cache',
  }),
  'cache.list': command<CacheEntryInfo[]>()({
    permission: 'cache.read',
    input: empty,
    summary: 'The recordings held in the local cache',
  }),
  'cache.clear': command<CacheClearResult>()({
    permission: 'cache.manage',
    input: empty,
    summary: 'Clear the local recording cache now (pinned recordings stay)',
  }),
  'cache.setLimits': command<CacheLimits>()({
    permission: 'cache.manage',
    input: z
      .object({
        capBytes: z
          .number()
          .int()
          .min(CACHE_CAP_MIN, 'the cache needs at least 64 MB')
          .max(CACHE_CAP_MAX, 'the cache size cap is too large')
          .optional(),
        ttlSec: z
          .number()
          .int()
          .min(CACHE_TTL_MIN_SEC, 'keep cached recordings for at least an hour')
          .max(CACHE_TTL_MAX_SEC, 'keep cached recordings for ten years at most')
          .optional(),
      })
      .strict()
      .refine((i) => i.capBytes !== undefined || i.ttlSec !== undefined, { message: 'give a size cap, a time-to-live, or both' }),
    summary: 'Change the cache size cap and time-to-live',
    target: (i) => [i.capBytes !== undefined ? `cap=${i.capBytes}` : null, i.ttlSec !== undefined ? `ttl=${i.ttlSec}s` : null].filter(Boolean).join(' '),
  }),
  'cache.verify': command<CacheVerifyReport>()({
    permission: 'cache.read',
    input: empty,
    summary: 'Authenticate every segment of every cached recording',
  }),
  'cache.cancelDownload': command<{ cancelled: boolean }>()({
    permission: 'cache.read',
    input: z.object({ id: recordingId }).strict(),
    summary: 'Cancel fetching a recording into the cache',
    target: (i) => `recording:${i.id}`,
  }),
} as const;
