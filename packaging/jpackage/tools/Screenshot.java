import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Saves the X display's screen ($DISPLAY, an Xvfb here) as a PNG, cropped to what is not background, and
 * fails when the screen shows too little to be a window (fewer than 20 colours): a packaged console that
 * died before drawing leaves a black screen.
 *   java Screenshot.java out.png
 */
public class Screenshot {
    public static void main(String[] args) throws Exception {
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        BufferedImage shot = new Robot().createScreenCapture(screen);
        int background = shot.getRGB(0, 0);
        int minX = shot.getWidth(), minY = shot.getHeight(), maxX = -1, maxY = -1;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y);
                if (rgb != background) {
                    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
                    if (colours.size() < 1000) {
                        colours.add(rgb);
                    }
                }
            }
        }
        if (colours.size() < 20) {
            System.err.println("the screen shows no window (" + colours.size() + " colours)");
            System.exit(1);
        }
        BufferedImage window = shot.getSubimage(minX, minY, maxX - minX + 1, maxY - minY + 1);
        ImageIO.write(window, "png", new File(args[0]));
        System.out.println("screenshot " + args[0] + ": " + window.getWidth() + "x" + window.getHeight()
                + ", " + colours.size() + "+ colours");
    }
}
