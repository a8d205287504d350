package org.heavytail.tailstats.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PreprocessTest {

  @Test
  void removeZerosCounts() {
    Preprocess.ZeroRemoval z = Preprocess.removeZeros(new float[] {0, 1, -0f, 2, 0, 3});
    assertArrayEquals(new float[] {1, 2, 3}, z.values());
    assertEquals(3, z.removed());
  }

  @Test
  void permutationIsSeededAndAPermutation() {
    float[] x = new float[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    float[] a = Preprocess.permute(x, 9);
    assertArrayEquals(a, Preprocess.permute(x, 9));
    assertFalse(Arrays.equals(a, Preprocess.permute(x, 10)));
    float[] s = a.clone();
    Arrays.sort(s);
    assertArrayEquals(x, s);
    assertEquals(0f, x[0], "input untouched");
  }

  @Test
  void standardizeByGroupGivesUnitScalePerGroup() {
    float[] x = {1, 2, 3, 10, 20, 30, 100, 300, 200};
    int[] g = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    float[] s = Preprocess.standardizeByGroup(x, g, Preprocess.Standardization.MEAN_STD);
    assertArrayEquals(new float[] {-1, 0, 1, -1, 0, 1, -1, 1, 0}, s, 1e-6f);
    float[] m = Preprocess.standardizeSegments(x, new int[] {3, 3, 3},
        Preprocess.Standardization.MEDIAN_MAD);
    assertArrayEquals(new float[] {-1, 0, 1, -1, 0, 1, -1, 1, 0}, m, 1e-6f);
    // unsorted labels
    int[] g2 = {2, 0, 1, 2, 0, 1, 2, 0, 1};
    float[] y = {5, 1, 10, 6, 2, 20, 7, 3, 30};
    assertArrayEquals(new float[] {-1, -1, -1, 0, 0, 0, 1, 1, 1},
        Preprocess.standardizeByGroup(y, g2, Preprocess.Standardization.MEAN_STD), 1e-6f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Preprocess.standardizeByGroup(new float[] {1, 1}, new int[] {4, 4},
            Preprocess.Standardization.MEAN_STD));
    assertEquals("standardize: group 4 (2 values) has scale 0.0 under MEAN_STD; expected a"
        + " positive scale", e.getMessage());
  }
}
