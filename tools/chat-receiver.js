// A chat's incoming webhook, for ./run.sh: prints the text of every message posted to it and answers 200, as Slack or
// Teams would. Usage: node tools/chat-receiver.js PORT (listens on 127.0.0.1 only).
'use strict';
const http = require('http');
const port = Number(process.argv[2] || 7073);
http.createServer((request, response) => {
  let body = '';
  request.on('data', chunk => { body += chunk; if (body.length > 65536) request.destroy(); });
  request.on('end', () => {
    let text = body;
    try { text = JSON.parse(body).text ?? body; } catch { /* not JSON: print as sent */ }
    console.log(`[chat ${new Date().toISOString()}] ${text}`);
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
}).listen(port, '127.0.0.1', () => console.log(`chat receiver on http://127.0.0.1:${port}/hooks/offboarding`));
