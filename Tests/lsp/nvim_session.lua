-- A scripted session in a real editor: headless Neovim (0.7 or later) with its built-in LSP client opens a file,
-- attaches `compose-audit lsp`, waits for diagnostics and prints them; exits 0 when some arrived, 1 otherwise.
-- usage: COMPOSE_AUDIT=path/to/compose-audit nvim --headless -u NONE -c "luafile Tests/lsp/nvim_session.lua" FILE
local binary = os.getenv("COMPOSE_AUDIT") or "compose-audit"
local buffer = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(buffer)
local client = vim.lsp.start_client({
  name = "compose-audit",
  cmd = { binary, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
vim.lsp.buf_attach_client(buffer, client)
local arrived = vim.wait(20000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
local diagnostics = vim.diagnostic.get(buffer)
table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
io.stdout:write(string.format("neovim %s: %d diagnostics for %s\n", tostring(vim.version().major) .. "." .. tostring(vim.version().minor),
  #diagnostics, vim.fn.fnamemodify(file, ":t")))
for _, d in ipairs(diagnostics) do
  io.stdout:write(string.format("%d:%d %s %s %s\n", d.lnum + 1, d.col + 1, vim.diagnostic.severity[d.severity], d.code or "?", d.message))
end
vim.lsp.stop_client(client)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client) == nil end, 50)
vim.cmd(arrived and "qall!" or "cquit! 1")
