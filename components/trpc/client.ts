'use client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@/server/api/root';

/** The typed tRPC hooks: `useTRPC()` returns query/mutation options for every procedure. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The URL path of the API (see server/api/http-handler.ts, which serves it). */
export const TRPC_PATH = '/api/trpc';
