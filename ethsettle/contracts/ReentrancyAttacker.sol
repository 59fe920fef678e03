// SPDX-License-Identifier: BSD-3-Clause
pragma solidity 0.8.30;

interface ISmartSharing {
    function deposit() external payable;
    function withdraw(uint256 amount) external;
}

/// @title Re-entrancy attacker, for tests only
/// @notice Deposits into a SmartSharing contract, withdraws, and from its
/// receive hook tries to withdraw again before the first withdrawal returns.
/// It records whether the nested call succeeded and its revert data.
contract ReentrancyAttacker {
    ISmartSharing public immutable target;
    uint256 private amount;
    bool private armed;
    bool public reentered;
    bool public reentryOK;
    bytes public reentryData;

    constructor(address target_) {
        target = ISmartSharing(target_);
    }

    function fund() external payable {
        target.deposit{value: msg.value}();
    }

    /// @notice Withdraws amount_ gwei and re-enters withdraw from receive.
    function attack(uint256 amount_) external {
        amount = amount_;
        armed = true;
        target.withdraw(amount_);
        armed = false;
    }

    receive() external payable {
        if (!armed) return;
        armed = false;
        reentered = true;
        (bool ok, bytes memory data) =
            address(target).call(abi.encodeWithSelector(ISmartSharing.withdraw.selector, amount));
        reentryOK = ok;
        reentryData = data;
    }
}
