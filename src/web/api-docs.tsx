import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  description?: string;
};
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
};

function typeOf(s: Schema | undefined): string {
  if (!s) return '';
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  if (s.type === 'array') return `${typeOf(s.items)}[]`;
  if (s.type === 'object' && s.properties) {
    return `{ ${Object.entries(s.properties)
      .map(([k, v]) => `${k}${s.required?.includes(k) ? '' : '?'}: ${typeOf(v)}`)
      .join(', ')} }`;
  }
  return s.type ?? 'any';
}

/** /api/docs: a readable, server-rendered page of the OpenAPI document (no scripts, works under the strict CSP). */
export function docsPage(app: FastifyInstance): void {
  app.get('/api/docs', { schema: { hide: true } }, async (_req, reply) => {
    const spec = app.swagger() as { paths: Record<string, Record<string, Operation>>; info: { title: string; description?: string } };
    const ops = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    const html = renderToString(
      <html lang="en" dir="ltr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{spec.info.title}</title>
          <link rel="stylesheet" href="/static/app.css" />
        </head>
        <body class="bg-base-200">
          <main class="max-w-4xl mx-auto p-4 space-y-3">
            <h1 class="text-3xl font-bold">{spec.info.title}</h1>
            <p>{spec.info.description}</p>
            <p>
              OpenAPI 3:{' '}
              <a class="link" href="/api/openapi.json">
                /api/openapi.json
              </a>
              . Auth: <code>Authorization: Bearer &lt;token&gt;</code> from <code>POST /api/v1/auth/login</code>. Errors are{' '}
              <code>application/problem+json</code> with a stable <code>code</code>; <code>Accept-Language: ar|en</code> picks their
              language.
            </p>
            {ops.map(({ path, method, op }) => (
              <section key={`${method} ${path}`} class="card bg-base-100 shadow-sm" id={`${method}-${path}`}>
                <div class="card-body p-4">
                  <h2 class="font-mono font-bold break-all">
                    <span class="badge badge-primary me-2">{method}</span>
                    {path}
                    {op.security ? <span class="badge badge-outline ms-2">Bearer</span> : null}
                  </h2>
                  <p>{op.summary}</p>
                  {op.description ? <p class="text-sm opacity-80">{op.description}</p> : null}
                  {op.parameters?.length ? (
                    <p class="text-sm font-mono">params: {op.parameters.map((p) => `${p.name} (${p.in})`).join(', ')}</p>
                  ) : null}
                  {op.requestBody ? (
                    <p class="text-sm font-mono break-all">body: {typeOf(Object.values(op.requestBody.content)[0]?.schema)}</p>
                  ) : null}
                  <p class="text-sm font-mono">responses: {Object.keys(op.responses ?? {}).join(', ')}</p>
                </div>
              </section>
            ))}
          </main>
        </body>
      </html>,
    );
    return reply.header('content-type', 'text/html; charset=utf-8').send(`<!doctype html>${html}`);
  });
}
