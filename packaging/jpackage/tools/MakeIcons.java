import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the console's icon and writes it in the three forms the installers need: a PNG (Linux), an ICO
 * (Windows; PNG-compressed entries, 16 to 256 px) and an ICNS (macOS; PNG entries, 128 to 1024 px).
 * Run once when the icon changes; its output is committed under resources/:
 *   java packaging/jpackage/tools/MakeIcons.java packaging/jpackage/resources
 */
public class MakeIcons {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "resources");
        Files.write(out.resolve("linux/adaptive-startup-console.png"), png(256));
        Files.write(out.resolve("windows/adaptive-startup-console.ico"), ico(16, 24, 32, 48, 64, 256));
        Files.write(out.resolve("macos/adaptive-startup-console.icns"), icns());
    }

    /** A rounded square in the brand's blue with a rising line: the product measures a venture's progress. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        double inset = s * 0.06;
        g.setPaint(new GradientPaint(0, 0, new Color(0x2F6FEB), 0, (float) s, new Color(0x1B3F99)));
        g.fill(new RoundRectangle2D.Double(inset, inset, s - 2 * inset, s - 2 * inset, s * 0.36, s * 0.36));
        Path2D line = new Path2D.Double();
        line.moveTo(s * 0.22, s * 0.70);
        line.lineTo(s * 0.42, s * 0.50);
        line.lineTo(s * 0.56, s * 0.62);
        line.lineTo(s * 0.78, s * 0.32);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) Math.max(1.5, s * 0.085), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
        double dot = s * 0.15;
        g.fill(new java.awt.geom.Ellipse2D.Double(s * 0.78 - dot / 2, s * 0.32 - dot / 2, dot, dot));
        g.dispose();
        return image;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    static byte[] ico(int... sizes) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int size : sizes) {
            images.add(png(size));
        }
        int offset = 6 + 16 * sizes.length;
        ByteBuffer header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size))
                    .put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32)
                    .putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images) {
            out.write(image);
        }
        return out.toByteArray();
    }

    static byte[] icns() throws IOException {
        String[] types = {"ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {128, 256, 512, 1024};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream entries = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            entries.writeBytes(types[i]);
            entries.writeInt(8 + image.length);
            entries.write(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        file.write(body.toByteArray());
        return out.toByteArray();
    }
}
