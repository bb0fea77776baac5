-- Drives MemLens from Neovim 0.7 (headless). Inputs come from the environment, results go to a JSON file:
-- the Java test decides what is right.
vim.g.loaded_python3_provider = 0
local out = {}
local function finish()
  local f = io.open(vim.env.MEMLENS_OUT, 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(vim.env.MEMLENS_CMD)
  local path = vim.env.MEMLENS_FILE
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  out.published = {}
  local client_id = vim.lsp.start_client({
    name = 'memlens',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(path, ':h'),
    settings = { memlens = { analysis = { debounceMs = 20 } } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        if result.uri == uri then
          table.insert(out.published, #result.diagnostics)
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  out.initialized = vim.wait(60000, function() return client.initialized end, 10)
  out.first_diagnostics = vim.wait(60000, function() return #out.published >= 1 end, 10)
  out.diagnostics = #vim.diagnostic.get(buf)
  out.encoding = client.offset_encoding

  -- the edit that completes the program: Neovim sends it incrementally
  local fixed = vim.fn.json_decode(vim.env.MEMLENS_FIXED)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, fixed)
  out.second_diagnostics = vim.wait(60000, function() return #out.published >= 2 and out.published[#out.published] > 0 end, 10)
  out.published_after_edit = out.published[#out.published]
  out.codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.codes, { line = d.lnum, code = d.code })
  end

  local function ask(method, params)
    local answers = vim.lsp.buf_request_sync(buf, method, params, 30000)
    local answer = answers and answers[client_id]
    if answer == nil then return false, nil end
    return answer.err == nil, answer.result
  end
  local doc = { uri = uri }
  local hover_line = tonumber(vim.env.MEMLENS_HOVER_LINE)
  local ok_hover, hover = ask('textDocument/hover', { textDocument = doc, position = { line = hover_line, character = 0 } })
  out.hover_answered = ok_hover
  out.hover = hover and hover.contents and (hover.contents.value or vim.fn.json_encode(hover.contents)) or ''

  local finding_line = tonumber(vim.env.MEMLENS_FINDING_LINE)
  local line_range = { start = { line = finding_line, character = 0 }, ['end'] = { line = finding_line + 1, character = 0 } }
  local ok_actions, actions = ask('textDocument/codeAction', { textDocument = doc, range = line_range,
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, finding_line) } })
  out.code_action_answered = ok_actions
  out.code_actions = {}
  for _, a in ipairs(actions or {}) do table.insert(out.code_actions, a.title) end

  local whole = { start = { line = 0, character = 0 }, ['end'] = { line = #fixed, character = 0 } }
  local ok_hints, hints = ask('textDocument/inlayHint', { textDocument = doc, range = whole })
  out.inlay_hint_answered = ok_hints
  out.inlay_hints = {}
  for _, h in ipairs(hints or {}) do
    local label = h.label
    if type(label) == 'table' then
      local parts = {}
      for _, part in ipairs(label) do table.insert(parts, part.value) end
      label = table.concat(parts)
    end
    table.insert(out.inlay_hints, (h.position.line + 1) .. ':' .. label)
  end

  client.stop()
  out.stopped = vim.wait(20000, function() return client.is_stopped() end, 10)
  out.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end)
if not ok then out.error = tostring(err) end
finish()
