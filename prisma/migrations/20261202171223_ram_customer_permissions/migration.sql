-- CreateTable
CREATE TABLE "RamCustomerPermission" (
    "id" TEXT NOT NULL,
    "ownerAccountId" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "versions" JSONB NOT NULL DEFAULT '[]',
    "defaultVersion" INTEGER NOT NULL DEFAULT 1,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RamCustomerPermission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RamCustomerPermission_ownerAccountId_arn_key" ON "RamCustomerPermission"("ownerAccountId", "arn");

-- AddForeignKey
ALTER TABLE "RamCustomerPermission" ADD CONSTRAINT "RamCustomerPermission_ownerAccountId_fkey" FOREIGN KEY ("ownerAccountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
