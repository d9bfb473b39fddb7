-- AlterTable
ALTER TABLE "LandingZone" ADD COLUMN     "backup" JSONB;
