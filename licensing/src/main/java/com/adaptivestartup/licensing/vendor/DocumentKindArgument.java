package com.adaptivestartup.licensing.vendor;

import com.adaptivestartup.licensing.signing.DocumentKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --kind release-manifest} and the like: the document kinds the vendor signs. */
final class DocumentKindArgument implements ITypeConverter<DocumentKind> {
    @Override
    public DocumentKind convert(String value) {
        return DocumentKind.KNOWN.stream().filter(k -> k.type().equals(value)).findFirst()
                .orElseThrow(() -> new TypeConversionException("--kind must be one of "
                        + DocumentKind.KNOWN.stream().map(DocumentKind::type).toList() + ", not '" + value + "'"));
    }
}
