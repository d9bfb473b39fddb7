-- AlterTable
ALTER TABLE "LandingZone" ADD COLUMN     "identityCenterEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "organizationTrail" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "regionDenyEnabled" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "RegisteredOu" ADD COLUMN     "guardrailPolicyAwsIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "EnrolledAccount" (
    "id" TEXT NOT NULL,
    "landingZoneId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "blueprint" JSONB NOT NULL DEFAULT '{}',
    "facts" JSONB NOT NULL DEFAULT '{}',
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnrolledAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EnrolledAccount_accountId_key" ON "EnrolledAccount"("accountId");

-- CreateIndex
CREATE INDEX "EnrolledAccount_landingZoneId_idx" ON "EnrolledAccount"("landingZoneId");

-- AddForeignKey
ALTER TABLE "EnrolledAccount" ADD CONSTRAINT "EnrolledAccount_landingZoneId_fkey" FOREIGN KEY ("landingZoneId") REFERENCES "LandingZone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolledAccount" ADD CONSTRAINT "EnrolledAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
