import Foundation

/// Binary fixtures, embedded as base64 so the test target needs no resources.
/// They were made with Python 3.11, openpyxl 3.1.5 and XlsxWriter 3.3.1 by this script:
///
///     import base64, io, zlib
///     import xlsxwriter
///     from openpyxl import Workbook
///     from openpyxl.cell.rich_text import CellRichText, TextBlock
///     from openpyxl.cell.text import InlineFont
///
///     def b64(data):
///         s = base64.b64encode(data).decode()
///         return "\n".join(s[i:i+100] for i in range(0, len(s), 100))
///
///     def save(wb):
///         out = io.BytesIO(); wb.save(out); return out.getvalue()
///
///     # 1. A survey answers file as a regional delegation would fill it, written by
///     #    XlsxWriter (shared strings and "%.16G" numbers, as Excel writes them).
///     out = io.BytesIO(); wb = xlsxwriter.Workbook(out); ws = wb.add_worksheet("Réponses")
///     rows = [["campaign", "siret", "type", "insertion_persons", "insertion_hours", "turnover_eur", "clientele_private_pct"],
///             [2024, "73282932000074", "AI", 40, 52340.5, 250000.5, 62.5],
///             [2024, "35600000000048", "ACI", 12, None, 1234.56, None],
///             [],
///             [2024, "73282932000074", "ETTI", 3, 1607, 3.5e6, 100]]
///     for r, row in enumerate(rows):
///         for c, value in enumerate(row):
///             if value is not None: ws.write(r, c, value)
///     wb.add_worksheet("Notes").write(0, 0, "ignorée")
///     wb.close(); answers = out.getvalue()
///
///     # 2. What a reader must cope with: gaps, booleans, rich text, floats, formulas.
///     wb = Workbook(); ws = wb.active; ws.title = "Divers"
///     ws["A1"] = "texte"; ws["D1"] = 42
///     ws["B2"] = True; ws["C2"] = False
///     ws["A4"] = CellRichText([TextBlock(InlineFont(b=True), "Gras"), " et normal"])
///     ws["B4"] = 1e-07; ws["C4"] = 1.5e20; ws["D4"] = 0.1 + 0.2; ws["E4"] = -1234.5599999999999
///     ws["F4"] = "=1+1"
///     ws["A5"] = "a & b < c"; ws["B5"] = "ligne 1\nligne 2"
///     features = save(wb)
///
///     # 3. Raw DEFLATE (wbits=-15) of a long repetitive text, level 9: dynamic Huffman blocks.
///     text = "".join(f"Ligne {i} ; structure {i * 7 % 13} ; réponses de l'observatoire {i % 5}\n" for i in range(400)).encode()
///     c = zlib.compressobj(9, zlib.DEFLATED, -15); dynamic = c.compress(text) + c.flush()
///     c = zlib.compressobj(9, zlib.DEFLATED, -15); fixed = c.compress(b"Maillage, Maillage, Maillage!") + c.flush()
///     c = zlib.compressobj(0, zlib.DEFLATED, -15); stored = c.compress(b"stocke tel quel") + c.flush()
///     print("block types:", dynamic[0] >> 1 & 3, fixed[0] >> 1 & 3, stored[0] >> 1 & 3, "sizes", len(answers), len(features), len(dynamic), len(text), zlib.crc32(text))
///     with open("fixtures.txt", "w") as f:
///         for name, data in [("answers", answers), ("features", features), ("dynamic", dynamic), ("fixed", fixed), ("stored", stored)]:
///             f.write(f"--- {name}\n{b64(data)}\n")
enum XLSXFixtures {
    /// A valid answers file written by XlsxWriter: shared strings, deflated parts, row 4 empty.
    static let answersXLSX = decode("""
        UEsDBBQAAAAIAAAAPwBZu7xvVAEAABcFAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbMWUy27CMBBF9/2KyNsqNrCoqorAoo9li1T6
        Aa49IRaObXkGCn9fJwHUVi0PgdRNrHju3HPHsjwcr2qbLSGi8a5gfd5jGTjltXGzgr1Nn/JbliFJp6X1Dgq2BmTj0dVwug6AWWp2
        WLCKKNwJgaqCWiL3AVyqlD7WktJvnIkg1VzOQAx6vRuhvCNwlFPjwUbDByjlwlL2uErbXZAIFll23wkbVsFkCNYoSakulk7/oOQb
        Ak+drQYrE/A6CZj4ldBU/gZs+l7SyUSjIZvISM+yTiqhvZpEH1AkPd/v8ktMX5ZGQfJY1KmFQxNIg85DsoRIBnaZ97KVj3A6fHtG
        TfeRxJUVSGsLePaoGCJIjRUA1ZZ3pgfIlO4TdN/+2fzW5gDww8f5u/fzSw/brLyWxh3Bb8Uo2uX8qb8H2fmfmGPwTzmwkhH0K8X0
        HF38Bn713uYQ7bs2+gRQSwMEFAAAAAgAAAA/APKfSdrpAAAASwIAAAsAAABfcmVscy8ucmVsc62SwU7DMAxA73xF5PuabkgIoaW7
        IKTdJjQ+wCRuG7WNo8SD7u+JkEAMjWkHjnHs52fL6808jeqNUvYcDCyrGhQFy86HzsDL/mlxDyoLBocjBzJwpAyb5mb9TCNKqcm9
        j1kVSMgGepH4oHW2PU2YK44Uyk/LaUIpz9TpiHbAjvSqru90+smA5oSpts5A2rolqP0x0jVsbltv6ZHtYaIgZ1r8yihkTB2JgXnU
        75yGV+ahKlDQ511W17v8PaeeSNChoLacaBFTqU7iy1q/dRzbXQnnz4xLQrf/uRyahYIjd1kJY/wy0ic30HwAUEsDBBQAAAAIAAAA
        PwC0o8su8AAAAEYDAAAaAAAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHO9ks1qwzAQhO99CrH3WrbTllIi51ICubbpAwhrbZnY
        ktBuf/z2FQlNHQimB9OTmBU787HMevM19OIDI3XeKSiyHAS62pvOtQre9tvbRxDE2hnde4cKRiTYVDfrF+w1px2yXSCRTBwpsMzh
        SUqqLQ6aMh/QpZ/Gx0FzkrGVQdcH3aIs8/xBxqkHVBeeYmcUxJ0pQOzHgH/x9k3T1fjs6/cBHV+JkJ8+HsgicjLVsUVWcB6RPD5F
        llxBXocp/xmmnINZLQnDaRd/QY7yNJw9yN2SDMRjn9p1hjjpufj7ReOtjmheOabqTymm4x8YeVH/6htQSwMEFAAAAAgAAAA/AGTL
        7NrbAQAAAAUAABgAAAB4bC93b3Jrc2hlZXRzL3NoZWV0MS54bWyNlEtzmzAUhff9FRrti3gYO/UAmaQEt4vOdNqmexkujwlIjKTY
        7b+vQLYrFLtTr6T7+R6dc0Ek97+GHh1AyI6zFAeejxGwklcda1L8/KN4f4eRVJRVtOcMUvwbJL7P3iVHLl5kC6CQFmAyxa1S45YQ
        WbYwUOnxEZgmNRcDVXorGiJHAbSam4aehL6/JgPtGDYKW/E/GryuuxJyXr4OwJQREdBTpe3LthslzpKq02zKgwTUKX4ItrsYkyyZ
        T/7ZwVFaa6To/jv0UCqodH6MpmB7zl8m+FmX/KmVvOktZlNfBaqgpq+9+saPn6BrWqVF/p6WU0WzRPAjErO4HOk0q2C70T7Lqfig
        q7pn8n3I/IQc9GHliT3aLFiyjzYLlyy3WbRkTzZbLVlhs3jJdjZbXxjR2S4Bw6sBQ2PRD53THkNLceOks9mdk84IrpxhPZlyHEYr
        33PMFycPsa9/LtwZuA4tsIgVXY0V3YoVWdY/OLFsFjgBcqMYOA+zOJejlRffGHx81WF8y2H8j8HbLHDeuTy++kaZarD2Ha3i9Pd5
        6k7Y3anJqptExLo3I23gCxVNxyTqoda+fG+DkTDXbF4rPs4rbXvPleLDedfqTw2IaadnXnOuzpvpNl8+XtkfUEsDBBQAAAAIAAAA
        PwB5wq01MAEAAPsBAAAYAAAAeGwvd29ya3NoZWV0cy9zaGVldDIueG1sjVHfS8MwEH73rwj3vqWdTGW0HcIY+iCIqO9Ze2nDmlxJ
        slX/ey8tG4IvPgTuy+W+H5di+2V7cUYfDLkS8mUGAl1NjXFtCR/v+8UDiBCVa1RPDkv4xgDb6qYYyR9DhxgFE7hQQhfjsJEy1B1a
        FZY0oOOOJm9VZOhbGQaPqpmGbC9XWXYnrTIOZoaN/w8HaW1q3FF9sujiTOKxV5Hth84MAaqiMdxLeYRHXcJjDrIqJtlPg2P4VYuU
        4kB0TOC5KSFLT+Wft/vJwasXDWp16uMbjU9o2i7yxtZX9p2Kqio8jYKj5Ly2QaXF5JucTdXpkq0Inkkmz1W+KuSZ1Wo+PHTRnVkG
        1eKL8q1xQfSoeShb3oPws+hURxqmag3iQDGSvaCOt4w+oVsQmiheQMp2/bfqB1BLAwQUAAAACAAAAD8A2wo+vVwBAABWAgAADwAA
        AHhsL3dvcmtib29rLnhtbI1Ry07DMBC88xWW7zQPJRGtmlTiJSqhglBpzybeNFYdO7Id0n4S38GPsU6VUm6cdme8O7uzni8OjSSf
        YKzQKqfRJKQEVKm5ULucvq8fr28osY4pzqRWkNMjWLoorua9NvsPrfcE+5XNae1cOwsCW9bQMDvRLSh8qbRpmENodoFtDTBuawDX
        yCAOwyxomFD0pDAz/9HQVSVKuNdl14ByJxEDkjnc3taitbSYV0LC5mSIsLZdsQbXPkhKJLPugQsHPKcJQt3DH8J07W0npAdpmNKg
        OJt8NYRDxTrp1rjaqI7nipM4znylr9oI6O1vk4fksBWK6z6ncYKXPY4oSinph3wruKuRyMLpmXsCsatdTqdZFnrx4EJ9uN8YiRrM
        vX1/tegff4YM9BItROhnJjAxSx55kcuGlXZ/iuOL4niYOI4pmSzRvQ+Dapyk0ZSSqpPyDrkX9azZMM03jc6LH1BLAwQUAAAACAAA
        AD8A4g91MwEBAADwAQAAFAAAAHhsL3NoYXJlZFN0cmluZ3MueG1sdZHdSsQwEIXvfYqQeze1rfsjaRZZFLyv1yW0YxtoJzEzXdxH
        8jl8MSMqSIu5GfKdGZJzRh/fplGcIZLzWMmbTSYFYOs7h30ln+vH670UxBY7O3qESl6A5NFcaSIWaRSpkgNzuFOK2gEmSxsfAJPy
        4uNkOV1jryhEsB0NADyNKs+yrZqsQylaPyOnZ0spZnSvM5x+QCGNJmc0m9ZOwboetWKj1Rf75uQi8BLyJcCSOSSInOw1Idn0SP83
        DH6OK5nniD4l1MAcl1o7OkCGEZoQ3dlyqu3qU7si3+eHItnOsl25VO+flqS43Wa/p9yv+k+rgYe6XrGUmI8f73/SUGll5hNQSwME
        FAAAAAgAAAA/ABq8GsmPAQAAYwMAAA0AAAB4bC9zdHlsZXMueG1spZNRa9wwDMff9ymM39vcHaysI0kfCgeFbQx6hb36YiVnsOVg
        K8dln35ynCZ3MOhDnyz/Jf0kW3b5dHFWnCFE47GS2/uNFICN1wa7Sr4d9nffpIikUCvrESo5QpRP9Zcy0mjh9QRAggkYK3ki6r8X
        RWxO4FS89z0ge1ofnCLehq6IfQClY0pytthtNg+FUwZlXbYeKYrGD0jcxCzUZfwrzsqyspVFXTbe+iCI8ZCCWEHlIEc8K2uOwSSx
        Vc7YMcu7JEwdzXHOoA9JLHKFaYmcZKxdGtjJLNRlr4gg4J43YrYPY8/lkS8jY6a4D6K7oMbt7utVwrRw3aMPmi//+uhZqksLLXFC
        MN0preT7IjmJvGNDG9V5VDYh3zNmg7ENWPuaJvSnvWFfWoGD2zt60ZXkUafTv5vc0GxmTN4k/jUtsz+NFZf2lr+gp0I39EUVad6V
        /JWelF0R4jgYSwb/0zAz9WXtdfKSOvLLvanCDA2tGiwdFmclV/snaDO4xyXqtzl7mqNW+0ea1PZh6mD9HvU/UEsDBBQAAAAIAAAA
        PwAY+kZUsAUAAFIbAAATAAAAeGwvdGhlbWUvdGhlbWUxLnhtbO1ZTY/bRBi+8ytGvreOEzvNrpqtNtmkhe22q920qMeJPbGnGXus
        mcluc0PtEQkJURAXJG4cEFCplbiUX7NQBEXqX+D1R5LxZrLNtosAtTkknvHzfn/4HefqtQcxQ0dESMqTtuVcrlmIJD4PaBK2rTuD
        /qWWhaTCSYAZT0jbmhJpXdv64CreVBGJCQLyRG7ithUplW7atvRhG8vLPCUJ3BtxEWMFSxHagcDHwDZmdr1Wa9oxpomFEhwD19uj
        EfUJGmQsra0Z8x6Dr0TJbMNn4tDPJeoUOTYYO9mPnMouE+gIs7YFcgJ+PCAPlIUYlgputK1a/rHsrav2nIipFbQaXT//lHQlQTCu
        53QiHM4Jnb67cWVnzr9e8F/G9Xq9bs+Z88sB2PfBUmcJ6/ZbTmfGUwMVl8u8uzWv5lbxGv/GEn6j0+l4GxV8Y4F3l/CtWtPdrlfw
        7gLvLevf2e52mxW8t8A3l/D9KxtNt4rPQRGjyXgJncVzHpk5ZMTZDSO8BfDWLAEWKFvLroI+UatyLcb3uegDIA8uVjRBapqSEfYB
        18XxUFCcCcCbBGt3ii1fLm1lspD0BU1V2/ooxVARC8ir5z+8ev4UvXr+5OThs5OHP588enTy8CcD4Q2chDrhy+8+/+ubT9CfT799
        +fhLM17q+N9+/PTXX74wA5UOfPHVk9+fPXnx9Wd/fP/YAN8WeKjDBzQmEt0ix+iAx2CbQQAZivNRDCJMKxQ4AqQB2FNRBXhripkJ
        1yFV590V0ABMwOuT+xVdDyMxUdQA3I3iCnCPc9bhwmjObiZLN2eShGbhYqLjDjA+Msnungptb5JCJlMTy25EKmruM4g2DklCFMru
        8TEhBrJ7lFb8ukd9wSUfKXSPog6mRpcM6FCZiW7QGOIyNSkIoa74Zu8u6nBmYr9DjqpIKAjMTCwJq7jxOp4oHBs1xjHTkTexikxK
        Hk6FX3G4VBDpkDCOegGR0kRzW0wr6u5i6ETGsO+xaVxFCkXHJuRNzLmO3OHjboTj1KgzTSId+6EcQ4pitM+VUQlerZBsDXHAycpw
        36VEna+s79AwMidIdmciyq5d6b8xTc5qxoxCN37fjGfwbXg0mUridAtehfsfNt4dPEn2CeT6+777vu++i313VS2v220XDdbW5+Kc
        X7xySB5Rxg7VlJGbMm/NEpQO+rCZL3Ki+UyeRnBZiqvgQoHzayS4+piq6DDCKYhxcgmhLFmHEqVcwknAWsk7P05SMD7f82ZnQEBj
        tceDYruhnw3nbPJVKHVBjYzBusIaV95OmFMA15TmeGZp3pnSbM2bUA0IZwd/p1kvREPGYEaCzO8Fg1lYLjxEMsIBKWPkGA1xGmu6
        rfV6r2nSNhpvJ22dIOni3BXivAuIUm0pSvZyObKkukLHoJVX9yzk47RtjWCSgss4BX4ya0CYhUnb8lVpymuL+bTB5rR0aisNrohI
        hVQ7WEYFVX5r9uokWehf99zMDxdjgKEbradFo+X8i1rYp0NLRiPiqxU7i2V5j08UEYdRcIyGbCIOMOjtFtkVUAnPjPpsIaBC3TLx
        qpVfVsHpVzRldWCWRrjsSS0t9gU8v57rkK809ewVur+hKY0LNMV7d03JMhfG1kaQH6hgDBAYZTnatrhQEYculEbU7wsYHHJZoBeC
        sshUQix735zpSo4WfavgUTS5MFIHNESCQqdTkSBkX5V2voaZU9efrzNGZZ+ZqyvT4ndIjggbZNXbzOy3UDTrJqUjctzpoNmm6hqG
        /f/w5OOumHzOHg8WgtzzzCKu1vS1R8HG26lwzkdt3Wxx3Vv7UZvC4QNlX9C4qfDZYr4d8AOIPppPlAgS8VKrLL/55hB0bmnGZaz+
        2TFqEYLWinhf5PCpObuxwtlni3tzZ3sGX3tnu9peLlFbO8jkq6U/nvjwPsjegYPShClZvE16AEfN7uwvA+BjL0i3/gZQSwMEFAAA
        AAgAAAA/AAKZ/4okAQAAUAIAABEAAABkb2NQcm9wcy9jb3JlLnhtbJ2SzWrDMBCE730Ko7sty6GhCNuBtuTUQKEuLb0JaeOIWj9I
        ap28fWUncRLwqcfVzH47u6hc7VWX/ILz0ugKkSxHCWhuhNRthd6bdfqAEh+YFqwzGip0AI9W9V3JLeXGwaszFlyQ4JMI0p5yW6Fd
        CJZi7PkOFPNZdOgobo1TLMTStdgy/s1awEWeL7GCwAQLDA/A1E5EdEIKPiHtj+tGgOAYOlCgg8ckI/jiDeCUn20YlSunkuFgYdZ6
        Fif33svJ2Pd91i9Ga8xP8Ofm5W1cNZV6OBUHVJeCU+6ABePqEl8X8XAd82ETT7yVIB4PUZ95Oy1y7AORxAD0GPesfCyenps1qou8
        WKaEpMWiIUua39O8+BpG3vRfgOo05N/EM+CY+/YT1H9QSwMEFAAAAAgAAAA/AHCSsxKEAQAALQMAABAAAABkb2NQcm9wcy9hcHAu
        eG1snZJNbtswEIX3PYXAfUzFKIrCoBgUToss+mPUTrKeUiOLCEUSnIlg90Y9Ry9WSoYVuVkUqFaPMw+Pn4ajbg6dK3pMZIOvxPWi
        FAV6E2rr95W43326ei8KYvA1uOCxEkckcaPfqE0KERNbpCIneKpEyxxXUpJpsQNa5LbPnSakDjgf016GprEGb4N57tCzXJblO4kH
        Rl9jfRWnQHFKXPX8v6F1MAMfPeyOMedp9SFGZw1w/kn9xZoUKDRcfDwYdErOmyoHbdE8J8tHXSo5P6qtAYfrHKwbcIRKvhTUHcIw
        sw3YRFr1vOrRcEgF2Z95aktR/ADCAacSPSQLnsXJdjqM2kXipB9DeqIWkUnJqTjKuXeu7Vu9HA1ZXBrlBJL1JeLOskP61mwg8b+I
        RwYxY/z++1cMnvACcVJfA+Nr+DPGXxevQxfB5+nKSX22/onu4y7cAuN51pdFtW0hYZ2fZ3qLqaDuMnRyg3/dgt9jffa8bgyb8XDa
        fn29XJT5GxfiXFPyZdH1H1BLAQIUAxQAAAAIAAAAPwBZu7xvVAEAABcFAAATAAAAAAAAAAAAAACAgQAAAABbQ29udGVudF9UeXBl
        c10ueG1sUEsBAhQDFAAAAAgAAAA/APKfSdrpAAAASwIAAAsAAAAAAAAAAAAAAICBhQEAAF9yZWxzLy5yZWxzUEsBAhQDFAAAAAgA
        AAA/ALSjyy7wAAAARgMAABoAAAAAAAAAAAAAAICBlwIAAHhsL19yZWxzL3dvcmtib29rLnhtbC5yZWxzUEsBAhQDFAAAAAgAAAA/
        AGTL7NrbAQAAAAUAABgAAAAAAAAAAAAAAICBvwMAAHhsL3dvcmtzaGVldHMvc2hlZXQxLnhtbFBLAQIUAxQAAAAIAAAAPwB5wq01
        MAEAAPsBAAAYAAAAAAAAAAAAAACAgdAFAAB4bC93b3Jrc2hlZXRzL3NoZWV0Mi54bWxQSwECFAMUAAAACAAAAD8A2wo+vVwBAABW
        AgAADwAAAAAAAAAAAAAAgIE2BwAAeGwvd29ya2Jvb2sueG1sUEsBAhQDFAAAAAgAAAA/AOIPdTMBAQAA8AEAABQAAAAAAAAAAAAA
        AICBvwgAAHhsL3NoYXJlZFN0cmluZ3MueG1sUEsBAhQDFAAAAAgAAAA/ABq8GsmPAQAAYwMAAA0AAAAAAAAAAAAAAICB8gkAAHhs
        L3N0eWxlcy54bWxQSwECFAMUAAAACAAAAD8AGPpGVLAFAABSGwAAEwAAAAAAAAAAAAAAgIGsCwAAeGwvdGhlbWUvdGhlbWUxLnht
        bFBLAQIUAxQAAAAIAAAAPwACmf+KJAEAAFACAAARAAAAAAAAAAAAAACAgY0RAABkb2NQcm9wcy9jb3JlLnhtbFBLAQIUAxQAAAAI
        AAAAPwBwkrMShAEAAC0DAAAQAAAAAAAAAAAAAACAgeASAABkb2NQcm9wcy9hcHAueG1sUEsFBgAAAAALAAsAxgIAAJIUAAAAAA==
        """)

    /// openpyxl output: inline and rich-text strings, booleans, gaps, "1e-07"-style numbers, a formula without a cached value.
    static let featuresXLSX = decode("""
        UEsDBBQAAAAIAKGAd11Gx01IlQAAAM0AAAAQAAAAZG9jUHJvcHMvYXBwLnhtbE3PTQvCMAwG4L9SdreZih6kDkQ9ip68zy51hbYp
        bYT67+0EP255ecgboi6JIia2mEXxLuRtMzLHDUDWI/o+y8qhiqHke64x3YGMsRoPpB8eA8OibdeAhTEMOMzit7Dp1C5GZ3XPlkJ3
        sjpRJsPiWDQ6sScfq9wcChDneiU+ixNLOZcrBf+LU8sVU57mym/8ZAW/B7oXUEsDBBQAAAAIAKGAd12UzLZk6gAAAMsBAAARAAAA
        ZG9jUHJvcHMvY29yZS54bWylkcFOwzAMhl9l6r11kooeoi4XECeQkJgE4hYl3hbRtFFi1O7tScvWgeDGMf4/f7aV1gRphohPcQgY
        yWHaTL7rkzRhWxyJggRI5ohepyoTfQ73Q/Sa8jMeIGjzrg8IgrEGPJK2mjTMwjKsxuKstGZVho/YLQJrADv02FMCXnG4soTRpz8b
        lmQlp+RWahzHaqwXLm/E4fXx4XlZvnR9It0bLFRrjTQRNQ1RzReF09S18K3Ynmd/FdBu8gRJp4Db4pK81Ld3u/tCCSaakvNS1Dve
        SHYjmXibXT/6r0I/WLd3/zBeBKqFX/+mPgFQSwMEFAAAAAgAoYB3XZlcnCMQBgAAnCcAABMAAAB4bC90aGVtZS90aGVtZTEueG1s
        7Vpbc9o4FH7vr9B4Z/ZtC8Y2gba0E3Npdtu0mYTtTh+FEViNbHlkkYR/v0c2EMuWDe2STbqbPAQs6fvORUfn6Dh58+4uYuiGiJTy
        eGDZL9vWu7cv3uBXMiQRQTAZp6/wwAqlTF61WmkAwzh9yRMSw9yCiwhLeBTL1lzgWxovI9bqtNvdVoRpbKEYR2RgfV4saEDQVFFa
        b18gtOUfM/gVy1SNZaMBE1dBJrmItPL5bMX82t4+Zc/pOh0ygW4wG1ggf85vp+ROWojhVMLEwGpnP1Zrx9HSSICCyX2UBbpJ9qPT
        FQgyDTs6nVjOdnz2xO2fjMradDRtGuDj8Xg4tsvSi3AcBOBRu57CnfRsv6RBCbSjadBk2PbarpGmqo1TT9P3fd/rm2icCo1bT9Nr
        d93TjonGrdB4Db7xT4fDronGq9B062kmJ/2ua6TpFmhCRuPrehIVteVA0yAAWHB21szSA5ZeKfp1lBrZHbvdQVzwWO45iRH+xsUE
        1mnSGZY0RnKdkAUOADfE0UxQfK9BtorgwpLSXJDWzym1UBoImsiB9UeCIcXcr/31l7vJpDN6nX06zmuUf2mrAaftu5vPk/xz6OSf
        p5PXTULOcLwsCfH7I1thhyduOxNyOhxnQnzP9vaRpSUyz+/5CutOPGcfVpawXc/P5J6MciO73fZYffZPR24j16nAsyLXlEYkRZ/I
        LbrkETi1SQ0yEz8InYaYalAcAqQJMZahhvi0xqwR4BN9t74IyN+NiPerb5o9V6FYSdqE+BBGGuKcc+Zz0Wz7B6VG0fZVvNyjl1gV
        AZcY3zSqNSzF1niVwPGtnDwdExLNlAsGQYaXJCYSqTl+TUgT/iul2v6c00DwlC8k+kqRj2mzI6d0Js3oMxrBRq8bdYdo0jx6/gX5
        nDUKHJEbHQJnG7NGIYRpu/AerySOmq3CEStCPmIZNhpytRaBtnGphGBaEsbReE7StBH8Waw1kz5gyOzNkXXO1pEOEZJeN0I+Ys6L
        kBG/HoY4SprtonFYBP2eXsNJweiCy2b9uH6G1TNsLI73R9QXSuQPJqc/6TI0B6OaWQm9hFZqn6qHND6oHjIKBfG5Hj7lengKN5bG
        vFCugnsB/9HaN8Kr+ILAOX8ufc+l77n0PaHStzcjfWfB04tb3kZuW8T7rjHa1zQuKGNXcs3Ix1SvkynYOZ/A7P1oPp7x7frZJISv
        mlktIxaQS4GzQSS4/IvK8CrECehkWyUJy1TTZTeKEp5CG27pU/VKldflr7kouDxb5OmvoXQ+LM/5PF/ntM0LM0O3ckvqtpS+tSY4
        SvSxzHBOHssMO2c8kh22d6AdNfv2XXbkI6UwU5dDuBpCvgNtup3cOjiemJG5CtNSkG/D+enFeBriOdkEuX2YV23n2NHR++fBUbCj
        7zyWHceI8qIh7qGGmM/DQ4d5e1+YZ5XGUDQUbWysJCxGt2C41/EsFOBkYC2gB4OvUQLyUlVgMVvGAyuQonxMjEXocOeXXF/j0ZLj
        26ZltW6vKXcZbSJSOcJpmBNnq8reZbHBVR3PVVvysL5qPbQVTs/+Wa3InwwRThYLEkhjlBemSqLzGVO+5ytJxFU4v0UzthKXGLzj
        5sdxTlO4Ena2DwIyubs5qXplMWem8t8tDAksW4hZEuJNXe3V55ucrnoidvqXd8Fg8v1wyUcP5TvnX/RdQ65+9t3j+m6TO0hMnHnF
        EQF0RQIjlRwGFhcy5FDukpAGEwHNlMlE8AKCZKYcgJj6C73yDLkpFc6tPjl/RSyDhk5e0iUSFIqwDAUhF3Lj7++TaneM1/osgW2E
        VDJk1RfKQ4nBPTNyQ9hUJfOu2iYLhdviVM27Gr4mYEvDem6dLSf/217UPbQXPUbzo5ngHrOHc5t6uMJFrP9Y1h75Mt85cNs63gNe
        5hMsQ6R+wX2KioARq2K+uq9P+SWcO7R78YEgm/zW26T23eAMfNSrWqVkKxE/Swd8H5IGY4xb9DRfjxRiraaxrcbaMQx5gFjzDKFm
        ON+HRZoaM9WLrDmNCm9B1UDlP9vUDWj2DTQckQVeMZm2NqPkTgo83P7vDbDCxI7h7Yu/AVBLAwQUAAAACAChgHdd6IhylPMBAAAv
        BAAAGAAAAHhsL3dvcmtzaGVldHMvc2hlZXQxLnhtbHVUwW7bMAy97ysEHXopGtlu0g6pLWBJlm2HAkWLbWfZpmOhsuVJTNL9/SQ5
        8ewiPUkkH5/4SNrpUZtXWwMgeWtUazNaI3ZLxmxRQyPsTHfQukilTSPQmWbHbGdAlCGpUSyJojvWCNlSngbfk+Gp3qOSLTwZYvdN
        I8zfFSh9zGhMz45nuasxOBhPO7GDF8CfnUtwJht4StlAa6VuiYEqo1/i5XYRMgLil4SjHd2JF5Nr/eqNH2VGI18TKCjQUwh3HGAN
        SnkmV8mfEyn9/6jPHN/P9Nug35WXCwtrrX7LEuuMfqakhErsFT7r43c4aRqVuBEoeGr0kRgvlqeFv/gnHVC2vkkvaJxfupeQI7wh
        pAxdCd7BilPCpk/wPT7weZKyQx9kjnmgT870qySg84COB3CIrcex6DLRfKhzfrFONxjjp5OTg1DnGbLgQv7NCNsrMAEZFmtpO1FA
        Rt3mWDAHoJy4jWt9U9UAnkpezUeSY7iJ7t8JmcRnC7hOoiliM0ZEs9tp9Os4ehMnt/PZ4m4K2fpGVDy+dj2sHCzIfN+sxdCsxQdD
        FeRKNN0DycmVwgdSXJjv6qNcJXctkPhTfybT1L4ONlo0/yE9CrOTrSUKKkcZze4dt+k3szdQd2FouUbUTbjW7oMG4wEuXmmNg+El
        D/8I/g9QSwMEFAAAAAgAoYB3XdIF8UZSAgAARwoAAA0AAAB4bC9zdHlsZXMueG1s3VbbitswEP0V4w+ok5iauCR5qCFQaMvC7kNf
        5VhOBLq4srwk/fpqJOe2m+NS+lab4Jk5OjNnpDHOqncnyZ8PnLvkqKTu1+nBue5TlvW7A1es/2A6rj3SGquY867dZ31nOWt6IimZ
        LWazIlNM6HSz0oPaKtcnOzNot05naZJtVq3R19A8jQG/limevDK5TismRW1FXMyUkKcYX4TIzkhjE+fVcKJTqP8VF8xHl6SOuZTQ
        xoZoFsuER+8TCykvKhZpDGxWHXOOW731TiSF6HtstF9OnVext+w0X3xMbxjh4cvUxjbc3rUbQ5uV5K0jhhX7QzCc6ehRG+eMIqsR
        bG80i0rOtNHwuXdcymc6rx/tXYFjm8SN/9KEPaeOz6ZXNZoxzehQgdt0Mfm/5+3Eq3GfB9+QDv7PwTj+ZHkrjsE/tm8EXGoHJXfl
        L9GERmWdfqcRlDc56kFIJ/ToHUTTcP2+O5/fsdoP+V0Bv6rhLRuke7mA6/Rqf+ONGFR5WfVEjY2rrvZXOsp5cZ1TX0zohh95U42u
        3dfBTLzhy45XYLyFtuECEGRFEEAEwlpQBmRFHqz1P/a1xH1FECpcPoaWmLXErMh7CFXhhrUAq/QXaLks87wo4PZW1WMZFdzDoqAf
        SAgVEgfWomp/u/MTAzAxNn+YDXjKk2MDW54YUdjyxM4TBPaQOGUJBgDWIg48FDhRJALUolEDrDync4YK4Ws+AZUlhGhIwfQWBdqo
        gm5wXvAlyvOyBBCBQEaeQ4he2AkIyiAhEMrz+CF98z3Lzt+57PrXcfMbUEsDBBQAAAAIAKGAd123R+uKwAAAABYCAAALAAAAX3Jl
        bHMvLnJlbHOdkktuAjEMQK8SZV9MqcQCMazYsEOIC7iJ56OZxJFjxPT2jdjAIGgRS/+eni2vDzSgdhxz26VsxjDEXNlWNa0Asmsp
        YJ5xolgqNUtALaE0kND12BAs5vMlyC3Dbta3THP8SfQKkeu6c7RldwoU9QH4rsOaI0pDWtlxgDNL/83czwrUmp2vrOz8pzXwpszz
        9SCQokdFcCz0kaRMi3aUrz6e3b6k86VjYrR43+j/89CoFD35v50wpYnS10UJJm+w+QVQSwMEFAAAAAgAoYB3Xa/uulEyAQAAKQIA
        AA8AAAB4bC93b3JrYm9vay54bWyNkNFOwzAMRX+lygfQboJJTOteqIBJCBBDe09bd7WWxJXjbrCvJ2kpTOKFJ8fX1sm9Xp2IDyXR
        Ifmwxvkl56oV6ZZp6qsWrPZX1IELs4bYagkt71NqGqygoKq34CSdZ9kiZTBakJxvsfNqpP2H5TsGXfsWQKwZUVajU+vV5OyVk/Sy
        I4Eq/hTVqOwQTv53IbbJET2WaFA+czW8DajEokOLZ6hzlanEt3R6JMYzOdFmWzEZk6vZONgBC1Z/5G20+a5LPyiiy7eYOVeLLAAb
        ZC/DxsDXweQRwvLY9UL3aAS40AIPTH2Hbj9gQoz0IsdwiqkmTlvIVRFI7KOHoG3q0Y8E0EU6XmIY8Kb+Rk6cGhp0UD8HkI+DkKoK
        J41lIM2vb2a3wX1vzF3QXtwT6frH2HTV9RdQSwMEFAAAAAgAoYB3XTPr47qtAAAA+wEAABoAAAB4bC9fcmVscy93b3JrYm9vay54
        bWwucmVsc7WRPQ6DMAyFrxLlABio1KECpi6sFReIgvkRgUSxq8LtG8EASB26MFnPlr/3ZGcvNIp7O1HXOxLzaCbKZcfsHgCkOxwV
        RdbhFCaN9aPiIH0LTulBtQhpHN/BHxmyyI5MUS0O/yHapuk1Pq1+jzjxDzB8rB+oQ2QpKuVb5FzCbPY2wVqSKJClKOtc+rJOpIDL
        EhEvBmmPs+mTf3qlP4dd3O1XuTXPR7itIeD06+ILUEsDBBQAAAAIAKGAd12bhkKEGwEAANcDAAATAAAAW0NvbnRlbnRfVHlwZXNd
        LnhtbK2Tz07DMAzGX6XqdWozOHBA6y6MK+zAC4TEXaPmn2JvdG+P27JKoLENlUujxvb3c/wlq7djBMw6Zz1WeUMUH4VA1YCTWIYI
        niN1SE4S/6adiFK1cgfifrl8ECp4Ak8F9Rr5erWBWu4tZc8db6MJvsoTWMyzpzGxZ1W5jNEaJYnj4uD1D0rxRSi5csjBxkRccEKe
        ibOIIfQr4VT4eoCUjIZsKxO9SMdporMC6WgBy8saZ7oMdW0U6KD2jktKjAmkxgaAnC1H0cUVNPGQYfzezW5gkLlI5NRtChHZtQR/
        551s6auLyEKQyFw55IRk7dknhN5xDfpWOE/4I6R28ATFsMwf83efJ/1bGnkPof3ve9avpZPGTw2I4T2vPwFQSwECFAMUAAAACACh
        gHddRsdNSJUAAADNAAAAEAAAAAAAAAAAAAAAgAEAAAAAZG9jUHJvcHMvYXBwLnhtbFBLAQIUAxQAAAAIAKGAd12UzLZk6gAAAMsB
        AAARAAAAAAAAAAAAAACAAcMAAABkb2NQcm9wcy9jb3JlLnhtbFBLAQIUAxQAAAAIAKGAd12ZXJwjEAYAAJwnAAATAAAAAAAAAAAA
        AACAAdwBAAB4bC90aGVtZS90aGVtZTEueG1sUEsBAhQDFAAAAAgAoYB3XeiIcpTzAQAALwQAABgAAAAAAAAAAAAAAICBHQgAAHhs
        L3dvcmtzaGVldHMvc2hlZXQxLnhtbFBLAQIUAxQAAAAIAKGAd13SBfFGUgIAAEcKAAANAAAAAAAAAAAAAACAAUYKAAB4bC9zdHls
        ZXMueG1sUEsBAhQDFAAAAAgAoYB3XbdH64rAAAAAFgIAAAsAAAAAAAAAAAAAAIABwwwAAF9yZWxzLy5yZWxzUEsBAhQDFAAAAAgA
        oYB3Xa/uulEyAQAAKQIAAA8AAAAAAAAAAAAAAIABrA0AAHhsL3dvcmtib29rLnhtbFBLAQIUAxQAAAAIAKGAd10z6+O6rQAAAPsB
        AAAaAAAAAAAAAAAAAACAAQsPAAB4bC9fcmVscy93b3JrYm9vay54bWwucmVsc1BLAQIUAxQAAAAIAKGAd12bhkKEGwEAANcDAAAT
        AAAAAAAAAAAAAACAAfAPAABbQ29udGVudF9UeXBlc10ueG1sUEsFBgAAAAAJAAkAPgIAADwRAAAAAA==
        """)

    /// Raw DEFLATE of `dynamicText` at level 9: dynamic Huffman blocks.
    static let dynamicDeflate = decode("""
        ndxLal1HAITheVahWaZdVf0kW8gm8jDBEOwg2dlT1pGNhSQ6DfdOfPofCtMYikK61Z9aP3787dOHl/Lyw8vbl9evv3z5+vr/V69/
        //XH509vH95efv3w8vv3n39++/D6509fPn/899+/+/G/U3o4Nb5xSu+n/HBK3zjl91N5ODW/cSrvp+rDKX/jVH0/1R5OrZtp9IdT
        uZnGeEyj3IxjPhyrN+NYj/+Zbuahx3q0u/V47Id8MxI9NqTfjEQ5KvGViepRi3cm7ajGO5N+1OMdyTgq8o5kHjV5R7KOqnxF4nLW
        5SsT66jM+/uIz9p8heIctfkKxfWszTuVdtTmHUo/avMOZRy1eWcyj9q8M1lHbb4iSTlq8xVJdNTmK5L4qM37B07O2nxlknrU5p1J
        O2vzDqUftXmHMs7avFOZR23eoayjNl+h1HLU5iuTqqM2X5lUH7X5iqTmqM37o0k9avOOpB21eUfSz9q8MxlHbd6ZzLM271DWUZv3
        B7Zy1uYrlaajNl+hNB+1+Qql5ajNVyatHrV5Z9KO2rwj6Udt3pGMozbvSOZRm3ck66zNVya9HLV5f7LXWZuvULqP2nyF0nPW5iuV
        Xo/avENpaPz1jtZfH2j+9Yn2X19oAI6CFuAQm4BmG3AEjcBR2QocDa3A0dkKHAOtwDHRChwLrcBZ0AqcQitwGq3AGbQCZ0UrcDa2
        AmdHK3AOtgLnRCtwLrYCV0ErcAmtwGW0AlfQClwVrcDV0ApcHa3ANdAKXJOtwLXQClQpbAaqCO1AFbMhqBK0BFUqmoIqDW1BlY7G
        oMpAa1BlojmostAe1NPlbG5fzootQj1dz96dhHq6n729CfV0Q9tuJ9PYKtTTJW2/ncxAu1BP17TjdjALLUM9XdTenYZ6uqi9f59v
        NA71dFN7dx3q+ar29veYp7vaejuYzgainq5r2+1kJpuIerqxvbsRFSiEYUaoMCVUmBMqTAoVZoUK00IFeqHCxFChZlghGlaqhhWy
        YaVuCOGwQjmskA4rtMMK8bAyPVSDfKjG/FANAqIaE0Q1SIhqzBDVGCKqMUVUY4yoxhxRnUGiOpNEdUaJ6tAS1RkmqkNNVGecqA49
        UZ2BojoTRQ1GihrMFDUYKmowVdRgrKjBXFEDwqIGk0UNSIsazBY1IS5qMl3UZLyoyXxRkwGjJhNGTUaMmswYNRkyakJl1GLMqAWd
        UYtBoxaURi1GjVrMGrUYNmoxbdRi3KjFvNGFgaMLE0cXSI4uzBxdIDq6MHV0gezowtzRhcGjC5NHi9GjxezRYvhoMX20GD9ajf4W
        KgNICwqkxQjSggZpM4S0mULajCFt5pA2g0ibSaTNKNJmFmlDjLSZRjpQIx2mkQ7USIdppMM00mEa6TCNdJhGOkwjHaaRrkwjXaFG
        ujKNdIUa6co00hVqpCvTSFemka5MI12ZRroxjXRjGunGNNKNaaQb1Eg3ppFuUCPdmEa6QY10YxrpzjTSHb5Y7Ewj3ZlGujONdGca
        6c400h1qpDvTSHeokR5MIz2gRnowjfRgGunBNNKDaaQH00gPppEeTCM94FvGSR8zTviacdLnjBO+Z5z0QeOELxonfNI46ZtG+Khx
        Mo30YhrpxTTSi2mkF9RIL6aRXlAjvZhGekGN9GIa6cU0MoVpZArTyBSmkSlMI1OYRqYwjUyBGpnCNDIFamQK08gIamTENDJiGhkx
        jYyYRkZMIyOmkRHTyIhpZAQ1MmYaGUONjJlGxlAjY6aRMdPImGlkzDQyZhoZM41MmEYmTCMTqJEJ08gEamTCNDKBGpkwjUyYRiZM
        I1OZRqYyjUxlGpnKNDKVaWQq1MhUppGpUCNTmUamQo1MYxqZxjQyjWlkGtPINKaRaUwj05hGpjGNTIMamcY0Mr3QP5HDNDIdamQ6
        08h0ppHpTCPTmUamM41MZxqZzjQyg2lkBtTIDKaRGVAjM5hGZkCNzGAamcE0MoNpZAbTyEymkZlMIzOZRmYyjcyEGpnJNDITamQm
        08hMqJGZTCOzmEZmMY3Mgn9BdTGNzGIamcU0MotpZBbUyCymkVnHGvkP
        """)

    /// Raw DEFLATE of "Maillage, Maillage, Maillage!": one fixed Huffman block.
    static let fixedDeflate = decode("""
        803MzMlJTE/VUfDFYCkCAA==
        """)

    /// Raw DEFLATE at level 0 of "stocke tel quel": one stored block.
    static let storedDeflate = decode("""
        AQ8A8P9zdG9ja2UgdGVsIHF1ZWw=
        """)

    /// The text of `dynamicDeflate`, 400 lines of about 56 bytes.
    static let dynamicText = (0..<400).map { i in
        "Ligne \(i) ; structure \(i * 7 % 13) ; réponses de l'observatoire \(i % 5)\n"
    }.joined()

    private static func decode(_ base64: String) -> [UInt8] {
        [UInt8](Data(base64Encoded: base64, options: .ignoreUnknownCharacters)!)
    }
}
