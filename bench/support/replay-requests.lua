-- wrk script: sends pre-built raw requests in order (file given after "--"), one each, cycling.
local requests = {}
local index = 0

init = function(args)
  local file = assert(io.open(args[1], "rb"))
  local data = file:read("*a")
  file:close()
  local pos = 1
  while true do
    local s = string.find(data, "\0", pos, true)
    if not s then break end
    requests[#requests + 1] = string.sub(data, pos, s - 1)
    pos = s + 1
  end
end

request = function()
  index = index + 1
  if index > #requests then index = 1 end
  return requests[index]
end
