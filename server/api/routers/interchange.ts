import 'server-only';
import { z } from 'zod';
import { exportInputSchema, exportOutputSchema, importCliFilesInputSchema, importInputSchema, importReportSchema } from '../../schemas/interchange';
import { exportDesign, importBundle, importCliFiles, importDocument, importOrgDesigner } from '../../services/interchange/interchange-service';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Import a design from an AWS bundle or an aws-org-designer file; export one as a bundle, Terraform or CloudFormation. */
export const interchangeRouter = createTRPCRouter({
  importBundle: publicProcedure
    .input(importInputSchema)
    .output(importReportSchema)
    .mutation(({ ctx, input }) => importBundle(ctx.db, input.document, { name: input.name, description: input.description })),

  importFile: publicProcedure
    .input(importInputSchema.extend({ fileName: z.string().trim().max(255).optional() }))
    .output(importReportSchema)
    .mutation(({ ctx, input }) => importDocument(ctx.db, input.document, { name: input.name, description: input.description, source: input.fileName })),

  importCliFiles: publicProcedure
    .input(importCliFilesInputSchema)
    .output(importReportSchema)
    .mutation(({ ctx, input }) => importCliFiles(ctx.db, input.files, { name: input.name, description: input.description })),

  importOrgDesigner: publicProcedure
    .input(importInputSchema)
    .output(importReportSchema)
    .mutation(({ ctx, input }) => importOrgDesigner(ctx.db, input.document, { name: input.name, description: input.description })),

  export: publicProcedure
    .input(exportInputSchema)
    .output(exportOutputSchema)
    .query(async ({ ctx, input }) => {
      const result = await exportDesign(ctx.db, input.designId, input.format);
      return { format: result.format, fileName: result.fileName, content: `${JSON.stringify(result.document, null, 2)}\n` };
    }),
});
