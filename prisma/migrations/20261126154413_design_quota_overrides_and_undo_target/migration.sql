-- AlterTable
ALTER TABLE "Design" ADD COLUMN     "quotaOverrides" JSONB;

-- AlterTable
ALTER TABLE "DesignChange" ADD COLUMN     "targetRevision" INTEGER;
