-- AlterTable
ALTER TABLE "LandingZone" ADD COLUMN     "deletedSecurityOu" JSONB;
