-- CreateTable
CREATE TABLE "VpcEndpoint" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "endpointType" TEXT NOT NULL,
    "vpcId" TEXT NOT NULL,
    "serviceName" TEXT NOT NULL,
    "policyDocument" TEXT,

    CONSTRAINT "VpcEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VpcEndpoint_accountId_endpointId_key" ON "VpcEndpoint"("accountId", "endpointId");

-- AddForeignKey
ALTER TABLE "VpcEndpoint" ADD CONSTRAINT "VpcEndpoint_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
