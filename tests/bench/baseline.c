/*
 * baseline.c — the FastCGI floor of the benchmark: the smallest possible libfcgi responder.
 * It accepts a request, writes a fixed page and finishes, nothing else: no parsing, no
 * database, no template.  tests/bench/run.sh starts two of it with spawn-fcgi on a unix socket
 * behind the same nginx configuration as the portal, and every scenario's requests per second
 * are reported as a ratio to this one's.
 */
#include <fcgiapp.h>

static const char page[] =
    "Status: 200 OK\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Baseline</title>"
    "</head><body><p>The FastCGI floor.</p></body></html>\n";

int main(void)
{
    FCGX_Request req;
    if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0)
        return 1;
    while (FCGX_Accept_r(&req) >= 0) {
        FCGX_PutStr(page, (int)sizeof page - 1, req.out);
        FCGX_Finish_r(&req);
    }
    return 0;
}
