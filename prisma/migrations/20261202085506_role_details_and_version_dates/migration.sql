-- AlterTable
ALTER TABLE "IamManagedPolicyVersion" ADD COLUMN     "createDate" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "IamRole" ADD COLUMN     "createDate" TIMESTAMP(3),
ADD COLUMN     "instanceProfiles" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "lastUsedDate" TIMESTAMP(3),
ADD COLUMN     "lastUsedRegion" TEXT;
