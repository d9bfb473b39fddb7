-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "s3PublicAccessBlock" JSONB;

-- AlterTable
ALTER TABLE "ResourcePolicy" ADD COLUMN     "publicAccessBlock" JSONB;
