package dev.memlens.intellij;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The plugin's packaged classes plus the platform stubs, read with ASM, so tests can walk type hierarchies and find
 * which class declares a member without loading anything.
 */
final class ClassUniverse {

  /** One member as declared in a class file. */
  record Member(String owner, String name, String descriptor, int access, boolean field) {
    String key() {
      return owner + " " + name + descriptor;
    }
  }

  /** What a class file says about itself. */
  record Shape(String name, int access, String superName, List<String> interfaces, List<Member> members) {
    Optional<Member> declared(String memberName, String descriptor, boolean field) {
      return members.stream()
          .filter(m -> m.field() == field && m.name().equals(memberName) && m.descriptor().equals(descriptor))
          .findFirst();
    }
  }

  private final Map<String, Shape> plugin;
  private final Map<String, Shape> stubs;

  ClassUniverse(Map<String, byte[]> pluginClasses, Map<String, byte[]> stubClasses) {
    this.plugin = read(pluginClasses);
    this.stubs = read(stubClasses);
  }

  static Map<String, Shape> read(Map<String, byte[]> classes) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    classes.forEach((name, bytes) -> shapes.put(name, shape(bytes)));
    return shapes;
  }

  static Shape shape(byte[] bytes) {
    List<Member> members = new ArrayList<>();
    Shape[] result = new Shape[1];
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      String name;
      int access;
      String superName;
      List<String> interfaces;

      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.name = name;
        this.access = access;
        this.superName = superName;
        this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
      }

      @Override
      public FieldVisitor visitField(int access, String fieldName, String descriptor, String signature, Object value) {
        members.add(new Member(name, fieldName, descriptor, access, true));
        return null;
      }

      @Override
      public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature, String[] exceptions) {
        members.add(new Member(name, methodName, descriptor, access, false));
        return null;
      }

      @Override
      public void visitEnd() {
        result[0] = new Shape(name, access, superName, interfaces, List.copyOf(members));
      }
    }, ClassReader.SKIP_CODE);
    return result[0];
  }

  Map<String, Shape> pluginShapes() {
    return plugin;
  }

  Map<String, Shape> stubShapes() {
    return stubs;
  }

  boolean isPlugin(String internalName) {
    return plugin.containsKey(internalName);
  }

  Optional<Shape> find(String internalName) {
    Shape shape = plugin.get(internalName);
    return Optional.ofNullable(shape != null ? shape : stubs.get(internalName));
  }

  /** Whether {@code type} is {@code target} or extends/implements it, through plugin classes and stubs. */
  boolean isSubtype(String type, String target) {
    if (type == null) {
      return false;
    }
    if (type.equals(target)) {
      return true;
    }
    Optional<Shape> shape = find(type);
    if (shape.isEmpty()) {
      return false;
    }
    if (isSubtype(shape.get().superName(), target)) {
      return true;
    }
    return shape.get().interfaces().stream().anyMatch(i -> isSubtype(i, target));
  }

  /**
   * The class that declares the member a reference names, searching like the JVM's resolution: the class, its
   * superclasses, then its interfaces. Empty when the chain leaves the known classes (into the JDK).
   */
  Optional<Member> resolve(String owner, String name, String descriptor, boolean field) {
    Optional<Shape> shape = find(owner);
    if (shape.isEmpty()) {
      return Optional.empty();
    }
    Optional<Member> here = shape.get().declared(name, descriptor, field);
    if (here.isPresent()) {
      return here;
    }
    if (shape.get().superName() != null) {
      Optional<Member> inherited = resolve(shape.get().superName(), name, descriptor, field);
      if (inherited.isPresent()) {
        return inherited;
      }
    }
    for (String type : shape.get().interfaces()) {
      Optional<Member> inherited = resolve(type, name, descriptor, field);
      if (inherited.isPresent()) {
        return inherited;
      }
    }
    return Optional.empty();
  }

  /** The platform method a plugin method overrides or implements, if any: searched in the supertypes only. */
  Optional<Member> overridden(Shape pluginClass, Member method) {
    List<String> supertypes = new ArrayList<>();
    if (pluginClass.superName() != null) {
      supertypes.add(pluginClass.superName());
    }
    supertypes.addAll(pluginClass.interfaces());
    for (String type : supertypes) {
      Optional<Member> found = resolve(type, method.name(), method.descriptor(), false);
      if (found.isPresent() && isPlugin(found.get().owner())) {
        found = overridden(plugin.get(found.get().owner()), found.get());
      }
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
