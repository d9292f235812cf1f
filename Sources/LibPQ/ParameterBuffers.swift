import CLibPQ

/// The C arrays libpq wants for parameters, kept alive for one call.
struct ParameterBuffers {
    var types: [Oid] = []
    var buffers: [[UInt8]?] = []
    var formats: [Int32] = []

    init(_ parameters: [PGValue], format: PGFormat) {
        types.reserveCapacity(parameters.count)
        for p in parameters {
            types.append(Oid(p.type.oid))
            formats.append(format.rawValue)
            if p == .null { buffers.append(nil); continue }
            switch format {
            case .binary:
                var out: [UInt8] = []
                BinaryCodec.encode(p, into: &out)
                buffers.append(out)
            case .text:
                var out = Array(TextCodec.encode(p).utf8)
                out.append(0)
                buffers.append(out)
            }
        }
    }

    func withPointers<R>(_ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?,
                                  UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        let lengths = buffers.map { Int32($0?.count ?? 0) }
        // Pin every buffer: copy into one contiguous block so the pointers stay valid.
        var block: [UInt8] = []
        var offsets: [Int] = []
        for b in buffers {
            offsets.append(block.count)
            if let b { block.append(contentsOf: b) }
        }
        if block.isEmpty { block.append(0) }
        return block.withUnsafeBufferPointer { blockPtr in
            let base = UnsafeRawPointer(blockPtr.baseAddress!).assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = buffers.indices.map { buffers[$0] == nil ? nil : base + offsets[$0] }
            return types.withUnsafeBufferPointer { t in
                values.withUnsafeBufferPointer { v in
                    lengths.withUnsafeBufferPointer { l in
                        formats.withUnsafeBufferPointer { f in
                            body(Int32(types.count), t.baseAddress, v.baseAddress, l.baseAddress, f.baseAddress)
                        }
                    }
                }
            }
        }
    }
}
