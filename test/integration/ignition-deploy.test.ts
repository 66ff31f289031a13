import { expect } from "chai";
import { network } from "hardhat";

import JurisdictionModule from "../../deploy/modules/Jurisdiction.js";
import LocalDemoYuanModule from "../../deploy/modules/LocalDemoYuan.js";
import MilestoneGrantsModule from "../../deploy/modules/MilestoneGrants.js";

const { ethers, ignition } = await network.create();

describe("Ignition modules", function () {
  it("deploy the factory with implementation version 1 (bound to its extension and this factory) registered, a registry and the demo yuan", async function () {
    const [deployer] = await ethers.getSigners();
    const { factory, implementation, extension, lens } = await ignition.deploy(MilestoneGrantsModule);
    const { registry } = await ignition.deploy(JurisdictionModule);
    const { token } = await ignition.deploy(LocalDemoYuanModule);

    expect(await factory.owner()).to.equal(deployer.address);
    expect(await factory.latestVersion()).to.equal(1n);
    expect((await factory.implementation(1n))[0]).to.equal(await implementation.getAddress());
    expect(await implementation.extension()).to.equal(await extension.getAddress());
    expect(await extension.factory()).to.equal(await factory.getAddress());
    expect(await ethers.provider.getCode(await lens.getAddress())).to.not.equal("0x");
    expect(await registry.walletChangeDelay()).to.equal(3n * 24n * 60n * 60n);
    expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), deployer.address)).to.equal(true);
    expect(await token.decimals()).to.equal(2n);
  });
});
