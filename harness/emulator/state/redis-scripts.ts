// The Redis store's scripts: each request's whole state change, with its rate quota, in one atomic
// call. ioredis's defineCommand sends a script's text once per connection and its SHA after (and the
// text again on NOSCRIPT, after a Redis restart), so a request costs one round trip and a few
// dozen bytes. Keys are passed as KEYS, never built inside a script.
//
// Time is the emulator's clock (ARGV[1], epoch ms), as in the memory store: tests may move it, and
// replicas on one machine share it. Expiry times given to Redis (PX, PEXPIRE) are relative, so they
// are only garbage collection: every decision compares stored emulator times with ARGV[1].
//
// What the keys hold:
//   rate:<kind>:<account>:<region>  GCRA's theoretical arrival time (string, ms)
//   token:<scope>:<token>           "r:<packed start>" (idempotency-store.ts packStart), or
//                                   "p:<owner>", a claim an older emulator version holds
//   calls:<instance>                sorted set of active contact ids scored by the end of their call
//   contact:<id>                    hash: i instance, e call end, s stop time (once stopped), j the rest (JSON)

/**
 * The rate quota as GCRA (the generic cell rate algorithm): one number per bucket, the time at which
 * the bucket would be empty again (TAT). A request at `now` passes when TAT - now is within the
 * tolerance ((burst - 1) intervals), and moves TAT one interval on; that admits the same requests as
 * the memory store's token bucket of `burst` refilled at the rate (token-bucket.ts). A throttled
 * request changes nothing. ARGV[2] = interval ms (0: no rate quota), ARGV[3] = tolerance ms;
 * KEYS[1] = the bucket. Returns {'throttled'} from the script that includes it.
 */
const gcra = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
if interval > 0 then
  local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
  if tat < now then tat = now end
  if tat - now > tonumber(ARGV[3]) then return {'throttled'} end
  tat = tat + interval
  -- The key outlives its use by a minute: expiring early would only forget a TAT already past.
  redis.call('SET', KEYS[1], string.format('%.17g', tat), 'PX', math.ceil(tat - now) + 60000)
end
`;

/**
 * StartWebRTCContact: rate quota, then the ClientToken (a replay spends a rate token and nothing
 * else), then the instance's concurrent calls (ended ones trimmed first), then the contact and the
 * remembered start, all or nothing.
 * KEYS: 1 rate bucket, 2 token, 3 the instance's calls, 4 the contact.
 * ARGV: 1 now, 2-3 rate (gcra), 4 token window ms (0: no token), 5 the start to remember,
 * 6 max concurrent calls (-1: none), 7 call end, 8 contact TTL ms, 9 instance, 10 contact id,
 * 11 contact JSON.
 * Returns {'started', active} | {'remembered', packed} | {'pending'} | {'at-capacity', active} | {'throttled'}.
 */
export const START_LUA = `${gcra}
local window = tonumber(ARGV[4])
if window > 0 then
  local held = redis.call('GET', KEYS[2])
  if held then
    local kind = string.sub(held, 1, 2)
    if kind == 'r:' then
      -- The start's time, base 36 (packStart); a fraction (a test clock's) is dropped.
      local created = tonumber(string.match(held, '^r:[^|]*|([^|.]*)') or '', 36)
      if created and now - created < window then return {'remembered', string.sub(held, 3)} end
    elseif kind == 'p:' then
      return {'pending'}
    end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])
local active = redis.call('ZCARD', KEYS[3])
local max = tonumber(ARGV[6])
if max >= 0 and active >= max then return {'at-capacity', active} end
local ends = tonumber(ARGV[7])
redis.call('ZADD', KEYS[3], ends, ARGV[10])
redis.call('PEXPIRE', KEYS[3], math.max(1, math.ceil(ends - now)))
redis.call('HSET', KEYS[4], 'i', ARGV[9], 'e', ARGV[7], 'j', ARGV[11])
redis.call('PEXPIRE', KEYS[4], ARGV[8])
if window > 0 then redis.call('SET', KEYS[2], 'r:' .. ARGV[5], 'PX', window) end
return {'started', active + 1}
`;

/**
 * DescribeContact and GetContactAttributes: the contact if it belongs to the instance.
 * KEYS: 1 rate bucket, 2 the contact. ARGV: 1 now, 2-3 rate, 4 instance.
 * Returns {'found', call end, stop time or '', JSON} | {'none'} | {'throttled'}.
 */
export const READ_LUA = `${gcra}
local c = redis.call('HMGET', KEYS[2], 'i', 'e', 's', 'j')
if c[1] ~= ARGV[4] or not c[4] then return {'none'} end
return {'found', c[2], c[3] or '', c[4]}
`;

/**
 * StopContact: ends an active call (one of the instance's, not yet ended) and frees its slot; the
 * contact stays readable for the retention of an ended one.
 * KEYS: 1 rate bucket, 2 the instance's calls, 3 the contact. ARGV: 1 now, 2-3 rate, 4 contact id,
 * 5 retention ms of an ended contact.
 * Returns {'stopped', active} | {'not-active'} | {'throttled'}.
 */
export const STOP_LUA = `${gcra}
local ends = redis.call('ZSCORE', KEYS[2], ARGV[4])
if not ends or tonumber(ends) <= now then return {'not-active'} end
redis.call('ZREM', KEYS[2], ARGV[4])
redis.call('HSET', KEYS[3], 's', ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return {'stopped', redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[1], '+inf')}
`;

/**
 * The rate quota alone, for a request refused before its own call (invalid, unknown instance, an
 * injected fault): it is charged as at the door. KEYS: 1 rate bucket. ARGV: 1 now, 2-3 rate.
 * Returns {'ok'} | {'throttled'}.
 */
export const TAKE_LUA = `${gcra}
return {'ok'}
`;
