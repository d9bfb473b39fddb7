-- AlterTable
ALTER TABLE "LandingZone" ADD COLUMN     "configEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "identityCenterBaselineArn" TEXT;
