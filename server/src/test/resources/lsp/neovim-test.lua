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
  out.initialized = vim.wait(10000, function() return client.initialized end, 10)
  out.first_diagnostics = vim.wait(10000, function() return #out.published >= 1 end, 10)
  out.diagnostics = #vim.diagnostic.get(buf)
  out.encoding = client.offset_encoding

  -- an edit: Neovim sends it incrementally
  vim.api.nvim_buf_set_lines(buf, 0, 1, false, { 'fixed = [1, 2]' })
  out.second_diagnostics = vim.wait(10000, function() return #out.published >= 2 end, 10)
  out.published_after_edit = out.published[#out.published]

  local pos = { textDocument = { uri = uri }, position = { line = 0, character = 1 } }
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', pos, 5000)
  out.hover_answered = hover ~= nil and hover[client_id] ~= nil and hover[client_id].err == nil
  local range = { start = { line = 0, character = 0 }, ['end'] = { line = 2, character = 0 } }
  local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction',
    { textDocument = { uri = uri }, range = range, context = { diagnostics = {} } }, 5000)
  out.code_action_answered = actions ~= nil and actions[client_id] ~= nil and actions[client_id].err == nil
  out.code_actions = actions and actions[client_id] and actions[client_id].result and #actions[client_id].result or -1
  local hints = vim.lsp.buf_request_sync(buf, 'textDocument/inlayHint',
    { textDocument = { uri = uri }, range = range }, 5000)
  out.inlay_hint_answered = hints ~= nil and hints[client_id] ~= nil and hints[client_id].err == nil
  out.inlay_hints = hints and hints[client_id] and hints[client_id].result and #hints[client_id].result or -1

  client.stop()
  out.stopped = vim.wait(5000, function() return client.is_stopped() end, 10)
  out.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end)
if not ok then out.error = tostring(err) end
finish()
