;; Case-insensitive search for several anchors of one length, 128 bits at a time.
;;
;; `scripts/build-wasm.ts` compiles this file into `anchor-scan-wasm.ts`; run `npm run build:wasm`
;; after every change. `anchor-scan-kernel.ts` writes the anchor table and the bytes into the memory.
;;
;; Anchor table, all offsets relative to its start: `count` entries of 64 bytes, then the needle
;; records and needle bytes they point to. The table starts 16-byte aligned.
;;   entry [0, 16)   the first anchor byte OR 0x20, repeated 16 times
;;   entry [16, 32)  the last anchor byte OR 0x20, repeated 16 times
;;   entry [32, 48)  the anchor bytes: lower-case ASCII letters and other bytes, 1 to 16 of them
;;   entry [48, 52)  offset of the anchor's first needle record (i32, little-endian)
;;   entry [52, 56)  number of needle records
;;   entry [56, 60)  offset of the anchor's byte filters: 32 bytes, a bitmap of the bytes that follow
;;                   the anchor in one of its needles, then 32 bytes, a bitmap of those that precede it
;;   entry [60, 64)  1 when a needle is the anchor itself (any hit then counts), else 0
;;   record (12 bytes): offset of the needle bytes, needle length, offset of the anchor in the needle
;;
;; Per 16-byte block at position i, a candidate is a position whose byte OR 0x20 equals an anchor's
;; first filter byte and whose byte at distance length - 1 equals its last filter byte. OR 0x20 is
;; only a filter (it also maps '@' to '`', '[' to '{' and 0xc1 to 0xe1), so each candidate is then
;; compared byte by byte, folding only 'A'-'Z' to 'a'-'z'. In needle mode an anchor hit counts only
;; when one of its needles surrounds it. The byte filters reject most hits with one lookup, as text
;; often contains an anchor as a word of its own; the needles are then compared byte by byte,
;; apart from the anchor part that already matched.

(module
  (memory (export "memory") 1 32768)

  ;; Index of the anchor found by the last call of `find` that returned a position.
  (global $hitAnchor (export "hitAnchor") (mut i32) (i32.const 0))

  ;; Returns 1 when the `length` bytes at `at` equal the lower-case bytes at `lower`, folding
  ;; only 'A'-'Z' of the former.
  (func $equalsFolded (param $at i32) (param $lower i32) (param $length i32) (result i32)
    (local $j i32)
    (local $byte i32)
    (block $equal
      (loop $bytes
        (br_if $equal (i32.ge_u (local.get $j) (local.get $length)))
        (local.set $byte (i32.load8_u (i32.add (local.get $at) (local.get $j))))
        ;; (byte - 'A') < 26 unsigned: an upper-case ASCII letter.
        (if (i32.lt_u (i32.sub (local.get $byte) (i32.const 0x41)) (i32.const 26))
          (then (local.set $byte (i32.or (local.get $byte) (i32.const 0x20)))))
        (if (i32.ne (local.get $byte) (i32.load8_u (i32.add (local.get $lower) (local.get $j))))
          (then (return (i32.const 0))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $bytes)))
    (i32.const 1))

  ;; Returns the index of the anchor that starts at `position`, or -1.
  (func $anchorAt (param $table i32) (param $count i32) (param $length i32) (param $position i32) (result i32)
    (local $anchor i32)
    (local $entry i32)
    (local.set $entry (local.get $table))
    (block $none
      (loop $anchors
        (br_if $none (i32.ge_u (local.get $anchor) (local.get $count)))
        (if (call $equalsFolded (local.get $position) (i32.add (local.get $entry) (i32.const 32)) (local.get $length))
          (then (return (local.get $anchor))))
        (local.set $anchor (i32.add (local.get $anchor) (i32.const 1)))
        (local.set $entry (i32.add (local.get $entry) (i32.const 64)))
        (br $anchors)))
    (i32.const -1))

  ;; Returns 1 when bit `byte` of the 256-bit map at `bitmap` is set.
  (func $hasBit (param $bitmap i32) (param $byte i32) (result i32)
    (i32.and
      (i32.shr_u (i32.load8_u (i32.add (local.get $bitmap) (i32.shr_u (local.get $byte) (i32.const 3))))
                 (i32.and (local.get $byte) (i32.const 7)))
      (i32.const 1)))

  (func $fold (param $byte i32) (result i32)
    (if (result i32) (i32.lt_u (i32.sub (local.get $byte) (i32.const 0x41)) (i32.const 26))
      (then (i32.or (local.get $byte) (i32.const 0x20)))
      (else (local.get $byte))))

  ;; Returns 1 when the bytes next to the anchor at `position` can belong to one of its needles.
  (func $neighboursFit (param $entry i32) (param $filters i32) (param $length i32) (param $position i32)
    (param $start i32) (param $end i32) (result i32)
    (if (i32.load offset=60 (local.get $entry))
      (then (return (i32.const 1))))
    (if (i32.lt_u (i32.add (local.get $position) (local.get $length)) (local.get $end))
      (then
        (if (call $hasBit (local.get $filters)
                          (call $fold (i32.load8_u (i32.add (local.get $position) (local.get $length)))))
          (then (return (i32.const 1))))))
    (if (i32.gt_u (local.get $position) (local.get $start))
      (then
        (return (call $hasBit (i32.add (local.get $filters) (i32.const 32))
                              (call $fold (i32.load8_u (i32.sub (local.get $position) (i32.const 1))))))))
    (i32.const 0))

  ;; Returns 1 when a needle of `anchor` lies whole in [start, end) around the anchor at `position`.
  (func $needleAround (param $table i32) (param $anchor i32) (param $length i32) (param $position i32)
    (param $start i32) (param $end i32) (result i32)
    (local $entry i32)
    (local $record i32)
    (local $records i32)
    (local $needle i32)
    (local $needleStart i32)
    (local $needleLength i32)
    (local $anchorOffset i32)
    (local $afterAnchor i32)
    (local.set $entry (i32.add (local.get $table) (i32.shl (local.get $anchor) (i32.const 6))))
    (if (i32.eqz (call $neighboursFit (local.get $entry) (i32.add (local.get $table) (i32.load offset=56 (local.get $entry)))
                                      (local.get $length) (local.get $position) (local.get $start) (local.get $end)))
      (then (return (i32.const 0))))
    (local.set $record (i32.add (local.get $table) (i32.load offset=48 (local.get $entry))))
    (local.set $records (i32.add (local.get $record) (i32.mul (i32.load offset=52 (local.get $entry)) (i32.const 12))))
    (block $none
      (loop $needles
        (br_if $none (i32.ge_u (local.get $record) (local.get $records)))
        (local.set $needle (i32.add (local.get $table) (i32.load (local.get $record))))
        (local.set $needleLength (i32.load offset=4 (local.get $record)))
        (local.set $anchorOffset (i32.load offset=8 (local.get $record)))
        (local.set $needleStart (i32.sub (local.get $position) (local.get $anchorOffset)))
        (local.set $afterAnchor (i32.add (local.get $anchorOffset) (local.get $length)))
        ;; Offsets stay below 2^31, so signed comparisons see a needle that would start before 0.
        ;; The anchor part matched already, so only the bytes after it and before it are compared.
        (if (i32.and (i32.ge_s (local.get $needleStart) (local.get $start))
                     (i32.le_s (i32.add (local.get $needleStart) (local.get $needleLength)) (local.get $end)))
          (then
            (if (i32.and
                  (call $equalsFolded (i32.add (local.get $needleStart) (local.get $afterAnchor))
                                      (i32.add (local.get $needle) (local.get $afterAnchor))
                                      (i32.sub (local.get $needleLength) (local.get $afterAnchor)))
                  (call $equalsFolded (local.get $needleStart) (local.get $needle) (local.get $anchorOffset)))
              (then (return (i32.const 1))))))
        (local.set $record (i32.add (local.get $record) (i32.const 12)))
        (br $needles)))
    (i32.const 0))

  ;; Returns the first position p in [start, end - length] where an anchor starts, and stores the
  ;; anchor's index in `hitAnchor`; returns -1 when there is none. With `needles` set to 1, only an
  ;; anchor that one of its needles surrounds inside [start, end) counts. Positions are memory
  ;; offsets. The caller keeps table and bytes inside the memory, whose maximum of 2^31 bytes keeps
  ;; every offset positive as i32; the kernel reads no byte before `start` or at or after `end`.
  (func (export "find")
    (param $table i32) (param $count i32) (param $length i32) (param $start i32) (param $end i32)
    (param $needles i32) (result i32)
    (local $i i32)
    (local $tableEnd i32)
    (local $blockReach i32)
    (local $first v128)
    (local $last v128)
    (local $candidates v128)
    (local $entry i32)
    (local $mask i32)
    (local $position i32)
    (local $anchor i32)
    (if (i32.or (i32.eqz (local.get $count))
                (i32.or (i32.eqz (local.get $length)) (i32.gt_u (local.get $length) (i32.const 16))))
      (then (return (i32.const -1))))
    (local.set $tableEnd (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 6))))
    ;; A block at i reads [i, i + 16) and [i + length - 1, i + length + 15).
    (local.set $blockReach (i32.add (local.get $length) (i32.const 15)))
    (local.set $i (local.get $start))

    (block $tail
      (loop $blocks
        (br_if $tail (i32.gt_u (i32.add (local.get $i) (local.get $blockReach)) (local.get $end)))
        (local.set $first (v128.or (v128.load align=1 (local.get $i)) (i8x16.splat (i32.const 0x20))))
        (local.set $last
          (v128.or (v128.load align=1 (i32.sub (i32.add (local.get $i) (local.get $length)) (i32.const 1)))
                   (i8x16.splat (i32.const 0x20))))
        (local.set $candidates (v128.const i64x2 0 0))
        (local.set $entry (local.get $table))
        (loop $anchors
          (local.set $candidates
            (v128.or (local.get $candidates)
                     (v128.and (i8x16.eq (local.get $first) (v128.load (local.get $entry)))
                               (i8x16.eq (local.get $last) (v128.load offset=16 (local.get $entry))))))
          (local.set $entry (i32.add (local.get $entry) (i32.const 64)))
          (br_if $anchors (i32.lt_u (local.get $entry) (local.get $tableEnd))))
        (if (v128.any_true (local.get $candidates))
          (then
            (local.set $mask (i8x16.bitmask (local.get $candidates)))
            (loop $bits
              (local.set $position (i32.add (local.get $i) (i32.ctz (local.get $mask))))
              (local.set $anchor
                (call $anchorAt (local.get $table) (local.get $count) (local.get $length) (local.get $position)))
              (if (i32.ge_s (local.get $anchor) (i32.const 0))
                (then
                  (if (i32.or (i32.eqz (local.get $needles))
                              (call $needleAround (local.get $table) (local.get $anchor) (local.get $length) (local.get $position)
                                                  (local.get $start) (local.get $end)))
                    (then
                      (global.set $hitAnchor (local.get $anchor))
                      (return (local.get $position))))))
              (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
              (br_if $bits (local.get $mask)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))

    ;; Fewer than length + 15 bytes remain: check the last positions one at a time.
    (block $done
      (loop $positions
        (br_if $done (i32.gt_u (i32.add (local.get $i) (local.get $length)) (local.get $end)))
        (local.set $anchor
          (call $anchorAt (local.get $table) (local.get $count) (local.get $length) (local.get $i)))
        (if (i32.ge_s (local.get $anchor) (i32.const 0))
          (then
            (if (i32.or (i32.eqz (local.get $needles))
                        (call $needleAround (local.get $table) (local.get $anchor) (local.get $length) (local.get $i)
                                            (local.get $start) (local.get $end)))
              (then
                (global.set $hitAnchor (local.get $anchor))
                (return (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $positions)))
    (i32.const -1)))
