/**
 * One Lua script does every atomic change the Redis engine makes to a record:
 * insert it (unless it or a unique index already exists), update it when its
 * conditions hold, or take it (read and delete) once. Conditions may look at
 * other records; the index changes ("effects") run in the same step, so no
 * reader ever sees a record without its indexes or the other way round.
 *
 * KEYS[1] is the record; KEYS[2..] are the other records and index keys the
 * spec names by position. All keys of one tenant share a hash tag, so the
 * script stays in one Redis Cluster slot.
 *
 * ARGV[1]: insert | update | take
 * ARGV[2]: JSON spec: {
 *   when:    [[keyIndex, field, op, value], ...]   all must hold (update, take)
 *   unique:  [[keyIndex, now], ...]                index keys that must be free,
 *            or hold "<until>|<id>" with until <= now (insert)
 *   set:     {field: value}                         (update)
 *   add:     {field: delta}                         (update)
 *   derive:  [[field, op, value, {field: value}]]   after set/add: if it holds, set more
 *   effects: [[command, keyIndex, arg, ...], ...]   run when the change happened
 * }
 * ARGV[3]: the record JSON (insert)
 * Returns the record as it was before the change (insert: as inserted), or false.
 */
export const RECORD_SCRIPT = `
local mode = ARGV[1]
local spec = cjson.decode(ARGV[2])
local null = cjson.null
local loaded = {}

local function load(index)
  if loaded[index] == nil then
    local raw = redis.call('GET', KEYS[index])
    loaded[index] = raw and cjson.decode(raw) or false
  end
  return loaded[index]
end

local function holds(value, op, want)
  if value == null then value = nil end
  if want == null then want = nil end
  if op == 'eq' then return value == want end
  if op == 'ne' then return value ~= want end
  if op == 'in' then
    for _, candidate in ipairs(want) do if value == candidate then return true end end
    return false
  end
  if value == nil or want == nil then return false end
  if op == 'gt' then return value > want end
  if op == 'ge' then return value >= want end
  if op == 'lt' then return value < want end
  if op == 'le' then return value <= want end
  error('unknown condition ' .. tostring(op))
end

local function runEffects()
  for _, effect in ipairs(spec.effects or {}) do
    local command, key = effect[1], KEYS[effect[2]]
    local args = {}
    for i = 3, #effect do args[#args + 1] = tostring(effect[i]) end
    if command == 'DELIFID' then
      -- Removes an index entry "<until>|<id>" only while it still points at this id.
      local held = redis.call('GET', key)
      local suffix = '|' .. args[1]
      if held and string.sub(held, -#suffix) == suffix then redis.call('DEL', key) end
    else
      redis.call(command, key, unpack(args))
    end
  end
end

if mode == 'insert' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return false end
  for _, guard in ipairs(spec.unique or {}) do
    local held = redis.call('GET', KEYS[guard[1]])
    if held then
      local untilTime = tonumber(string.match(held, '^(%d+)|'))
      if guard[2] == null or untilTime == nil or untilTime > guard[2] then return false end
    end
  end
  redis.call('SET', KEYS[1], ARGV[3])
  runEffects()
  return ARGV[3]
end

local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local record = cjson.decode(raw)
loaded[1] = record
for _, condition in ipairs(spec.when or {}) do
  local subject = load(condition[1])
  if not subject then return false end
  if not holds(subject[condition[2]], condition[3], condition[4]) then return false end
end

if mode == 'take' then
  redis.call('DEL', KEYS[1])
  runEffects()
  return raw
end

for field, value in pairs(spec.set or {}) do record[field] = value end
for field, delta in pairs(spec.add or {}) do record[field] = (tonumber(record[field]) or 0) + delta end
for _, rule in ipairs(spec.derive or {}) do
  if holds(record[rule[1]], rule[2], rule[3]) then
    for field, value in pairs(rule[4]) do record[field] = value end
  end
end
redis.call('SET', KEYS[1], cjson.encode(record), 'KEEPTTL')
runEffects()
return raw
`;

/**
 * Appends an entry to a numbered log (audit log, party events, consent uses):
 * takes the next number from a counter and files the entry under it, in one step.
 * KEYS[1]: counter; KEYS[2]: sorted set; ARGV[1]: entry JSON without `seq`.
 */
export const APPEND_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
local entry = cjson.decode(ARGV[1])
entry.seq = seq
redis.call('ZADD', KEYS[2], seq, cjson.encode(entry))
return seq
`;

/**
 * Registers a service description: a new version unless the latest equals it.
 * KEYS[1]: hash of latest versions; KEYS[2]: hash of this service's versions.
 * ARGV: latest-field, providerId, serviceType, description, now.
 */
export const REGISTER_SERVICE_SCRIPT = `
local latest = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if latest > 0 then
  local current = redis.call('HGET', KEYS[2], tostring(latest))
  if current and cjson.decode(current).description == ARGV[4] then return current end
end
local record = cjson.encode({ providerId = ARGV[2], serviceType = ARGV[3], version = latest + 1, description = ARGV[4], registeredAt = tonumber(ARGV[5]) })
redis.call('HSET', KEYS[2], tostring(latest + 1), record)
redis.call('HSET', KEYS[1], ARGV[1], latest + 1)
return record
`;
