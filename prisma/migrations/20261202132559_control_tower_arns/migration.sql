-- AlterTable
ALTER TABLE "LandingZone" ADD COLUMN     "arn" TEXT;

-- AlterTable
ALTER TABLE "EnrolledAccount" ADD COLUMN     "enabledBaselineArn" TEXT;

-- AlterTable
ALTER TABLE "RegisteredOu" ADD COLUMN     "enabledBaselineArn" TEXT;

-- AlterTable
ALTER TABLE "EnabledControl" ADD COLUMN     "arn" TEXT;
