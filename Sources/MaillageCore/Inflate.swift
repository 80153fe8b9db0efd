/// A DEFLATE decoder (RFC 1951: stored, fixed and dynamic Huffman blocks), in
/// plain Swift so reading an uploaded .xlsx needs no C library. The output is
/// capped: a few kilobytes of a crafted stream can claim gigabytes (zip bomb).
enum Inflate {
    enum Failure: Error, Equatable {
        /// The stream is not valid DEFLATE; the text says where it broke, for logs.
        case corrupt(String)
        /// The output would exceed the cap.
        case tooLarge
    }

    /// The raw DEFLATE stream `input` decoded (no zlib or gzip wrapper).
    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var inflater = Inflater(input: input, limit: limit)
        try inflater.run()
        return inflater.output
    }
}

/// The decoding state: input bits, and the output so far (back-references read it).
struct Inflater {
    private var bits: BitReader
    private let limit: Int
    private(set) var output: [UInt8] = []

    init(input: [UInt8], limit: Int) {
        bits = BitReader(input)
        self.limit = limit
        // Typical compression ratios of spreadsheet XML are 5 to 20.
        output.reserveCapacity(min(limit, input.count * 8))
    }

    mutating func run() throws(Inflate.Failure) {
        var last = false
        while !last {
            last = try bits.take(1) == 1
            switch try bits.take(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(literals: HuffmanTable.fixedLiterals, distances: HuffmanTable.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try huffmanBlock(literals: literals, distances: distances)
            default: throw .corrupt("type de bloc réservé")
            }
        }
    }

    /// A block copied as is, after its length and the length's complement.
    private mutating func storedBlock() throws(Inflate.Failure) {
        bits.alignToByte()
        let length = try bits.take(16)
        let complement = try bits.take(16)
        guard length == ~complement & 0xFFFF else { throw .corrupt("longueur de bloc non compressé incohérente") }
        try reserve(Int(length))
        try bits.copyBytes(Int(length), into: &output)
    }

    /// Literals and back-references until the end-of-block symbol (256).
    private mutating func huffmanBlock(literals: HuffmanTable, distances: HuffmanTable) throws(Inflate.Failure) {
        while true {
            let symbol = try literals.decode(&bits)
            if symbol < 256 {
                try reserve(1)
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let index = symbol - 257
            guard index < Self.lengthBase.count else { throw .corrupt("longueur invalide") }
            let length = Self.lengthBase[index] + Int(try bits.take(Self.lengthExtra[index]))
            let code = try distances.decode(&bits)
            guard code < Self.distanceBase.count else { throw .corrupt("distance invalide") }
            let distance = Self.distanceBase[code] + Int(try bits.take(Self.distanceExtra[code]))
            guard distance <= output.count else { throw .corrupt("distance avant le début des données") }
            try reserve(length)
            // Byte by byte: the source may overlap what is being written ("abababab").
            let start = output.count - distance
            for offset in 0..<length { output.append(output[start + offset]) }
        }
    }

    /// The two code tables a dynamic block starts with, themselves Huffman-coded.
    private mutating func dynamicTables() throws(Inflate.Failure) -> (HuffmanTable, HuffmanTable) {
        let literalCount = Int(try bits.take(5)) + 257
        let distanceCount = Int(try bits.take(5)) + 1
        let lengthCodeCount = Int(try bits.take(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .corrupt("trop de codes") }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for position in Self.codeLengthOrder.prefix(lengthCodeCount) {
            codeLengthLengths[position] = UInt8(try bits.take(3))
        }
        let codeLengths = try HuffmanTable(lengths: codeLengthLengths)

        var lengths: [UInt8] = []
        let total = literalCount + distanceCount
        while lengths.count < total {
            let symbol = try codeLengths.decode(&bits)
            let (value, repeats): (UInt8, Int)
            switch symbol {
            case 0...15: (value, repeats) = (UInt8(symbol), 1)
            case 16:
                guard let previous = lengths.last else { throw .corrupt("répétition sans longueur précédente") }
                (value, repeats) = (previous, 3 + Int(try bits.take(2)))
            case 17: (value, repeats) = (0, 3 + Int(try bits.take(3)))
            default: (value, repeats) = (0, 11 + Int(try bits.take(7)))
            }
            guard lengths.count + repeats <= total else { throw .corrupt("longueurs de codes en trop") }
            lengths += repeatElement(value, count: repeats)
        }
        guard lengths[256] != 0 else { throw .corrupt("pas de code de fin de bloc") }
        return (try HuffmanTable(lengths: Array(lengths[..<literalCount])),
                try HuffmanTable(lengths: Array(lengths[literalCount...])))
    }

    private func reserve(_ count: Int) throws(Inflate.Failure) {
        if output.count + count > limit { throw .tooLarge }
    }

    // RFC 1951 §3.2.5: base values and extra bits of lengths (symbols 257…285) and distances.
    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                       8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    // RFC 1951 §3.2.7: the order code-length code lengths are sent in.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
}
