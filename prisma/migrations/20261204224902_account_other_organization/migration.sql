-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "otherOrganizationId" TEXT;
