/// Fixed vocabularies of the scenario generator. Free text here must never contain `"`, `\` or
/// long digit runs (the ledger's PAN guard scans names, descriptions, reasons and references).
enum ScenarioTables {
    struct CurrencySpec {
        let code: String
        let exponent: Int
        /// Price scale relative to USD, per mille (HKD ≈ 7.8 per USD → 7800).
        let perMilleOfUSD: Int64
    }

    static let hkd = 0, usd = 1, twd = 2, mop = 3
    /// ISO 4217 exponents: all four invoice currencies have 2 decimals (TWD included).
    static let currencies: [CurrencySpec] = [
        CurrencySpec(code: "HKD", exponent: 2, perMilleOfUSD: 7_800),
        CurrencySpec(code: "USD", exponent: 2, perMilleOfUSD: 1_000),
        CurrencySpec(code: "TWD", exponent: 2, perMilleOfUSD: 32_000),
        CurrencySpec(code: "MOP", exponent: 2, perMilleOfUSD: 8_040),
    ]

    /// Rates to CNY, numerator over 10^10, plus a seeded jitter of up to `jitter`.
    static let fxToCNY: [(currency: Int, numerator: Int64, jitter: Int)] = [
        (hkd, 9_213_000_000, 4_000_000),
        (usd, 71_920_000_000, 30_000_000),
        (twd, 2_236_000_000, 1_000_000),
        (mop, 8_944_000_000, 4_000_000),
    ]
    static let fxSources = ["PBOC central parity", "Bank of China Hong Kong reference", "HKAB fixing"]

    // Buyer countries and their weights; index 0 (HK) and 1 (MO) are the subsidy's countries.
    static let buyerCountries = ["HK", "MO", "TW", "SG", "US", "GB"]
    static let buyerCountryWeights = [45, 10, 25, 7, 8, 5]
    /// Invoice currency weights per buyer country, indexed by currency (HKD, USD, TWD, MOP).
    static let currencyWeightsByCountry: [[Int]] = [
        [90, 10, 0, 0],  // HK
        [45, 5, 0, 50],  // MO
        [0, 15, 85, 0],  // TW
        [10, 90, 0, 0],  // SG
        [0, 100, 0, 0],  // US
        [5, 95, 0, 0],   // GB
    ]

    static let cities = ["Shenzhen", "Guangzhou", "Dongguan", "Yiwu", "Ningbo", "Xiamen", "Foshan",
                         "Hangzhou", "Suzhou", "Shantou", "Zhongshan", "Quanzhou"]
    static let adjectives = ["Golden Dragon", "Bright Star", "Jade River", "Pearl Delta", "Harmony", "Evergreen",
                             "Silver Lake", "Red Lantern", "Oriental", "Sunrise", "Lucky Cloud", "Great Wall"]
    static let categories = ["Electronics", "Apparel", "Toys", "Furniture", "Tea", "Machinery"]
    static let enterpriseSuffixes = ["Co., Ltd.", "Industrial Co., Ltd.", "Group Co., Ltd.", "Manufacturing Co., Ltd."]
    static let smbSuffixes = ["Trading Co.", "Trading Firm", "Workshop", "Supply Store"]
    static let products: [[String]] = [
        ["USB-C charger 65W", "Bluetooth earbuds", "LED panel light", "Power bank 20000mAh", "Smart watch strap",
         "HDMI cable 2m", "Mechanical keyboard"],
        ["Cotton T-shirt", "Denim jacket", "Silk scarf", "Running shoes", "Down vest", "Wool socks (pack)"],
        ["Building blocks set", "Plush panda", "RC car", "Puzzle 1000 pieces", "Kite", "Wooden train set"],
        ["Oak dining chair", "Bamboo shelf", "Office desk", "Rattan lamp", "Folding table"],
        ["Tieguanyin oolong 250g", "Pu-erh cake 357g", "Longjing green tea 100g", "Jasmine pearls 200g",
         "Tea set porcelain"],
        ["Ball bearing 6204", "Hydraulic hose fitting", "Stepper motor", "Gearbox assembly", "Drill bit set"],
    ]

    static let surnames = ["Chan", "Wong", "Leung", "Lam", "Cheung", "Ho", "Lau", "Ng", "Lee", "Tsang",
                           "Chen", "Lin", "Huang", "Tan", "Lim", "Smith", "Patel", "Brown", "Garcia", "Taylor"]
    static let buyerWords = ["Harbour", "Peak", "Kowloon", "Victoria", "Lotus", "Pacific", "Orchid", "Summit",
                             "Meridian", "Crown", "Atlas", "Phoenix"]
    static let buyerSuffixes: [[String]] = [
        ["Trading Limited", "Holdings Limited", "Enterprises Limited"],       // HK
        ["Comercial Limitada", "Trading Limitada"],                           // MO
        ["Co., Ltd.", "Trading Co., Ltd.", "Enterprise Co., Ltd."],          // TW
        ["Pte. Ltd.", "Trading Pte. Ltd."],                                   // SG
        ["LLC", "Inc.", "Imports LLC"],                                       // US
        ["Ltd", "Trading Ltd", "Imports Ltd"],                                // GB
    ]

    static let acquirerBINs = ["400552", "412381", "443044", "455701"]
    static let tokenRequestorIds = ["40010030273", "40010075001", "40010043095", "40000123456"]
    static let creditNoteReasons = ["Goods damaged in transit", "Short shipment", "Price adjustment agreed with buyer",
                                    "Volume discount", "Late delivery penalty", "Wrong colour delivered"]
    static let banks = ["HSBCHKHH", "BKCHHKHH", "SCBLHKHH", "HASEHKHH", "CTBAHKHH", "DBSSSGSG", "CHASUS33", "BOTKTWTP"]
    static let authAlphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
    static let dueDates = ["2026-05-15", "2026-05-22", "2026-05-29", "2026-06-14", "2026-07-14"]
    static let dueDateWeights = [10, 20, 25, 35, 10]
}
