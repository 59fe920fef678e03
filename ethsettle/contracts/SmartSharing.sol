// SPDX-License-Identifier: BSD-3-Clause
pragma solidity 0.8.30;

/// @title SmartSharing content-trading settlement
/// @notice Escrowed, pay-on-delivery content trades between OTT devices, after
/// J. Fan, K. Wu, D. Liu, G. Tang, "SmartSharing" (the content-trading contract
/// of its Fig. 2). The paper's contract is not public; this one is written for
/// cdnkit and keeps the observable rules of the off-chain model
/// github.com/cdnkit/cdnkit/device/ledger.
/// @dev Amounts are in gwei (1e-9 ether). Time is counted in slots of
/// slotSeconds seconds since the deployment block. Funds move only inside the
/// contract, except in withdraw and withdrawFees, which follow
/// checks-effects-interactions and hold the re-entrancy guard.
contract SmartSharing {
    /// Total ever deposited is capped so that no sum of amounts overflows int64.
    uint256 public constant MAX_SUPPLY = 1 << 62;
    uint16 public constant MAX_FEE_BPS = 10_000;

    enum State {
        None,
        Locked,
        Released,
        Refunded
    }

    struct Escrow {
        address buyer;
        uint64 amount;
        uint64 deadline;
        State state;
        address seller;
        uint64 price;
        uint64 opened;
        uint64 closed;
        bytes32 content;
    }

    uint256 public immutable epoch;
    uint256 public immutable slotSeconds;
    uint16 public immutable feeBps;
    address public immutable feeSink;

    mapping(address => uint256) public balanceOf;
    mapping(address => uint64[]) private prices;
    mapping(uint64 => Escrow) private escrows;

    uint256 public totalDeposited;
    uint256 public totalWithdrawn;
    uint256 public totalEscrowed;
    uint256 public feePool;
    uint256 public feesWithdrawn;

    uint256 private lock = 1;

    event Registered(address indexed ott, uint64[] prices);
    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event Opened(
        uint64 indexed id,
        address indexed buyer,
        address indexed seller,
        uint64 price,
        uint64 amount,
        uint64 deadline,
        bytes32 content
    );
    event Confirmed(uint64 indexed id, address indexed seller, uint64 paid, uint64 fee);
    event Cancelled(uint64 indexed id, address indexed buyer);
    event Refunded(uint64 indexed id, address indexed buyer);
    event FeesWithdrawn(address indexed sink, uint256 amount);

    error InvalidConfig();
    error InvalidAmount();
    error InvalidPriceList();
    error SupplyExceeded();
    error InsufficientBalance(uint256 balance, uint256 amount);
    error SellerNotRegistered(address seller);
    error PriceNotListed(address seller, uint64 price);
    error SelfTrade();
    error ZeroEscrowId();
    error DeadlineInPast(uint64 deadline, uint64 slot);
    error EscrowExists(uint64 id);
    error UnknownEscrow(uint64 id);
    error NotLocked(uint64 id, State state);
    error NotBuyer(uint64 id);
    error NotSeller(uint64 id);
    error NotFeeSink();
    error DeadlinePassed(uint64 id, uint64 deadline, uint64 slot);
    error ContentMismatch(uint64 id);
    error TooEarly(uint64 id, uint64 deadline, uint64 slot);
    error TransferFailed();
    error ReentrantCall();

    modifier nonReentrant() {
        if (lock != 1) revert ReentrantCall();
        lock = 2;
        _;
        lock = 1;
    }

    constructor(uint256 slotSeconds_, uint16 feeBps_, address feeSink_) {
        if (slotSeconds_ == 0 || feeBps_ > MAX_FEE_BPS) revert InvalidConfig();
        epoch = block.timestamp;
        slotSeconds = slotSeconds_;
        feeBps = feeBps_;
        feeSink = feeSink_;
    }

    /// @notice The current slot: whole slots since the deployment block.
    function currentSlot() public view returns (uint64) {
        return uint64((block.timestamp - epoch) / slotSeconds);
    }

    /// @notice Registers (or replaces) the sender's per-unit price list.
    function register(uint64[] calldata list) external {
        if (list.length == 0) revert InvalidPriceList();
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == 0) revert InvalidPriceList();
        }
        prices[msg.sender] = list;
        emit Registered(msg.sender, list);
    }

    /// @notice The price list of an OTT (empty when unregistered).
    function pricesOf(address ott) external view returns (uint64[] memory) {
        return prices[ott];
    }

    /// @notice Credits msg.value (a positive whole number of gwei) to the sender.
    function deposit() external payable {
        if (msg.value == 0 || msg.value % 1 gwei != 0) revert InvalidAmount();
        uint256 amount = msg.value / 1 gwei;
        if (totalDeposited + amount > MAX_SUPPLY) revert SupplyExceeded();
        totalDeposited += amount;
        balanceOf[msg.sender] += amount;
        emit Deposited(msg.sender, amount);
    }

    /// @notice Pays amount gwei of the sender's balance out to the sender.
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert InvalidAmount();
        uint256 bal = balanceOf[msg.sender];
        if (bal < amount) revert InsufficientBalance(bal, amount);
        balanceOf[msg.sender] = bal - amount;
        totalWithdrawn += amount;
        emit Withdrawn(msg.sender, amount);
        (bool ok,) = payable(msg.sender).call{value: amount * 1 gwei}("");
        if (!ok) revert TransferFailed();
    }

    /// @notice Pays the accumulated fees out to the fee sink.
    function withdrawFees() external nonReentrant {
        if (msg.sender != feeSink) revert NotFeeSink();
        uint256 amount = feePool;
        if (amount == 0) revert InvalidAmount();
        feePool = 0;
        feesWithdrawn += amount;
        emit FeesWithdrawn(msg.sender, amount);
        (bool ok,) = payable(msg.sender).call{value: amount * 1 gwei}("");
        if (!ok) revert TransferFailed();
    }

    /// @notice Locks amount gwei of the sender's balance in escrow id for the
    /// seller's content, at a per-unit price that must be on the seller's list.
    function open(uint64 id, address seller, uint64 price, uint64 amount, uint64 deadline, bytes32 content)
        external
    {
        uint64[] storage list = prices[seller];
        if (list.length == 0) revert SellerNotRegistered(seller);
        bool listed = false;
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == price) {
                listed = true;
                break;
            }
        }
        if (!listed) revert PriceNotListed(seller, price);
        if (seller == msg.sender) revert SelfTrade();
        if (id == 0) revert ZeroEscrowId();
        uint64 slot = currentSlot();
        if (deadline < slot) revert DeadlineInPast(deadline, slot);
        if (escrows[id].state != State.None) revert EscrowExists(id);
        uint256 bal = balanceOf[msg.sender];
        if (bal < amount) revert InsufficientBalance(bal, amount);
        balanceOf[msg.sender] = bal - amount;
        totalEscrowed += amount;
        escrows[id] = Escrow({
            buyer: msg.sender,
            amount: amount,
            deadline: deadline,
            state: State.Locked,
            seller: seller,
            price: price,
            opened: uint64(block.number),
            closed: 0,
            content: content
        });
        emit Opened(id, msg.sender, seller, price, amount, deadline, content);
    }

    /// @notice Releases escrow id to its seller, less the fee: the buyer
    /// confirms delivery of content whose digest equals the promised one.
    function confirm(uint64 id, bytes32 content) external {
        Escrow storage e = locked(id);
        if (msg.sender != e.buyer) revert NotBuyer(id);
        uint64 slot = currentSlot();
        if (slot > e.deadline) revert DeadlinePassed(id, e.deadline, slot);
        if (content != e.content) revert ContentMismatch(id);
        uint64 amount = e.amount;
        uint64 fee = uint64((uint256(amount) * feeBps) / MAX_FEE_BPS);
        e.state = State.Released;
        e.closed = uint64(block.number);
        totalEscrowed -= amount;
        feePool += fee;
        balanceOf[e.seller] += amount - fee;
        emit Confirmed(id, e.seller, amount - fee, fee);
    }

    /// @notice Returns escrow id to its buyer, on the seller's request.
    function cancel(uint64 id) external {
        Escrow storage e = locked(id);
        if (msg.sender != e.seller) revert NotSeller(id);
        settleToBuyer(e);
        emit Cancelled(id, e.buyer);
    }

    /// @notice Returns escrow id to its buyer after its deadline.
    function refund(uint64 id) external {
        Escrow storage e = locked(id);
        if (msg.sender != e.buyer) revert NotBuyer(id);
        uint64 slot = currentSlot();
        if (slot <= e.deadline) revert TooEarly(id, e.deadline, slot);
        settleToBuyer(e);
        emit Refunded(id, e.buyer);
    }

    /// @notice The state of escrow id (state None when it was never opened).
    function escrowOf(uint64 id) external view returns (Escrow memory) {
        return escrows[id];
    }

    function locked(uint64 id) private view returns (Escrow storage e) {
        e = escrows[id];
        if (e.state == State.None) revert UnknownEscrow(id);
        if (e.state != State.Locked) revert NotLocked(id, e.state);
    }

    function settleToBuyer(Escrow storage e) private {
        e.state = State.Refunded;
        e.closed = uint64(block.number);
        totalEscrowed -= e.amount;
        balanceOf[e.buyer] += e.amount;
    }
}
